package fakeapi

import (
	"net/url"
	"slices"
)

// PHostImage is one bare-metal image. The JSON names are those of the
// PHostImageSet model of DescribePHostImage (hence ImageId, not ImageID).
type PHostImage struct {
	ImageId   string   `json:"ImageId"`
	ImageName string   `json:"ImageName"`
	OsName    string   `json:"OsName"`
	OsType    string   `json:"OsType"`
	Support   []string `json:"Support"`
	Version   string   `json:"Version"`
	ImageType string   `json:"ImageType"`
	// CreateTime, State and ImageSize exist only for newer ("BareMetal 2.0")
	// images; the API leaves them out for older ones, hence omitempty.
	CreateTime       string `json:"CreateTime,omitempty"`
	State            string `json:"State,omitempty"`
	ImageSize        int    `json:"ImageSize,omitempty"`
	ImageDescription string `json:"ImageDescription"`

	// Zone is the zone that lists the image.
	Zone string `json:"-"`
	// Clusters are the network clusters the image is offered in, e.g. "25G", "100G".
	Clusters []string `json:"-"`
}

func (img PHostImage) clone() PHostImage {
	img.Support = slices.Clone(img.Support)
	img.Clusters = slices.Clone(img.Clusters)
	return img
}

// SetPHostImages replaces the bare-metal data set.
func (s *Server) SetPHostImages(images []PHostImage) {
	cp := cloneAll(images)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.phost = cp
}

// PHostImages returns a copy of the bare-metal data set.
func (s *Server) PHostImages() []PHostImage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.phost)
}

// phostResponse is the body of a successful DescribePHostImage call.
type phostResponse struct {
	RetCode    int
	Action     string
	TotalCount int
	ImageSet   []PHostImage
}

// defaultLimit is the page size the API uses when Limit is absent.
const defaultLimit = 20

// describePHostImage implements DescribePHostImage: server-side filters,
// TotalCount over all matches, then one page.
func describePHostImage(s *Server, action string, params url.Values) any {
	for _, name := range []string{"Region", "Zone"} {
		if params.Get(name) == "" {
			return paramError(action, name)
		}
	}
	zone := params.Get("Zone")
	imageType := params.Get("ImageType")
	machineType := params.Get("MachineType")
	cluster := params.Get("Cluster")
	if cluster != "" && machineType == "" {
		return paramError(action, "MachineType")
	}
	offset, ok := intParam(params, "Offset", 0)
	if !ok {
		return paramError(action, "Offset")
	}
	limit, ok := intParam(params, "Limit", defaultLimit)
	if !ok {
		return paramError(action, "Limit")
	}
	if limit == 0 {
		limit = defaultLimit
	}
	ids := indexedParam(params, "ImageId")

	s.mu.Lock()
	maxPage := s.maxPageSize
	var matches []PHostImage
	for _, img := range s.phost {
		switch {
		case img.Zone != zone,
			imageType != "" && img.ImageType != imageType,
			len(ids) > 0 && !slices.Contains(ids, img.ImageId),
			machineType != "" && !slices.Contains(img.Support, machineType),
			cluster != "" && !slices.Contains(img.Clusters, cluster):
			continue
		}
		matches = append(matches, img.clone())
	}
	s.mu.Unlock()

	if maxPage > 0 {
		limit = min(limit, maxPage)
	}
	start := min(offset, len(matches))
	end := min(start+limit, len(matches))
	page := matches[start:end]
	for i := range page {
		if page[i].Support == nil {
			page[i].Support = []string{} // the API sends [], never null
		}
	}
	return phostResponse{
		RetCode:    0,
		Action:     action + "Response",
		TotalCount: len(matches),
		ImageSet:   append([]PHostImage{}, page...),
	}
}
