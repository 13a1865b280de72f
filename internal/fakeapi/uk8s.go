package fakeapi

import (
	"net/url"
	"slices"
)

// Names of the image sets of DescribeUK8SImage, the values of UK8SImage.Set.
const (
	SetImage            = "ImageSet"            // VM images
	SetPHostImage       = "PHostImageSet"       // bare-metal images
	SetCustomImage      = "CustomImageSet"      // custom VM images
	SetCustomPHostImage = "CustomPHostImageSet" // custom bare-metal images
)

// UK8SImage is one node image of DescribeUK8SImage. The JSON names are those
// of the ImageInfo model (hence ZoneId and ImageId).
type UK8SImage struct {
	ZoneId             int      `json:"ZoneId"`
	ImageId            string   `json:"ImageId"`
	ImageName          string   `json:"ImageName"`
	NotSupportGPU      bool     `json:"NotSupportGPU"`
	OsType             string   `json:"OsType,omitempty"`
	OsName             string   `json:"OsName,omitempty"`
	Features           []string `json:"Features,omitempty"`
	ImageSize          int      `json:"ImageSize,omitempty"`
	IntegratedSoftware string   `json:"IntegratedSoftware,omitempty"`
	SupportedGPUTypes  []string `json:"SupportedGPUTypes,omitempty"`

	// Set is the response set the image belongs to: SetImage, SetPHostImage,
	// SetCustomImage or SetCustomPHostImage.
	Set string `json:"-"`
	// Region is the region that lists the image.
	Region string `json:"-"`
	// MachineTypes are the machine types the image serves, e.g. "O", "OPRO", "G".
	MachineTypes []string `json:"-"`
	// K8sVersions are the Kubernetes versions it supports, e.g. "1.28.15".
	K8sVersions []string `json:"-"`
}

func (img UK8SImage) clone() UK8SImage {
	img.Features = slices.Clone(img.Features)
	img.SupportedGPUTypes = slices.Clone(img.SupportedGPUTypes)
	img.MachineTypes = slices.Clone(img.MachineTypes)
	img.K8sVersions = slices.Clone(img.K8sVersions)
	return img
}

// SetUK8SImages replaces the UK8S data set.
func (s *Server) SetUK8SImages(images []UK8SImage) {
	cp := cloneAll(images)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.uk8s = cp
}

// UK8SImages returns a copy of the UK8S data set.
func (s *Server) UK8SImages() []UK8SImage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.uk8s)
}

// uk8sResponse is the body of a successful DescribeUK8SImage call. Besides
// the four documented sets it carries the two undocumented ones the API's
// own example shows (ImageSetnew, CustomIImageSet): clients must ignore them.
type uk8sResponse struct {
	RetCode             int
	Action              string
	ImageSet            []UK8SImage `json:",omitempty"`
	PHostImageSet       []UK8SImage `json:",omitempty"`
	CustomImageSet      []UK8SImage `json:",omitempty"`
	CustomPHostImageSet []UK8SImage `json:",omitempty"`
	ImageSetnew         []UK8SImage `json:"ImageSetnew"`
	CustomIImageSet     []UK8SImage `json:"CustomIImageSet"`
}

// productSets says which sets each ProductType selects.
var productSets = map[string][]string{
	"":       {SetImage, SetPHostImage, SetCustomImage, SetCustomPHostImage},
	"uhost":  {SetImage, SetCustomImage},
	"uphost": {SetPHostImage, SetCustomPHostImage},
}

// describeUK8SImage implements DescribeUK8SImage.
func describeUK8SImage(s *Server, action string, params url.Values) any {
	region := params.Get("Region")
	if region == "" {
		return paramError(action, "Region")
	}
	zoneID := 0
	if zone := params.Get("Zone"); zone != "" {
		id, ok := zoneIDs[zone]
		if !ok {
			return paramError(action, "Zone")
		}
		zoneID = id
	}
	sets, ok := productSets[params.Get("ProductType")]
	if !ok {
		return paramError(action, "ProductType")
	}
	machineType := params.Get("MachineType")
	gpuType := params.Get("GPUType")
	if machineType == "G" && gpuType == "" {
		return paramError(action, "GPUType")
	}
	k8sVersion := params.Get("K8sVersion")

	resp := uk8sResponse{Action: action + "Response", CustomIImageSet: []UK8SImage{}}
	var inRegion []UK8SImage
	s.mu.Lock()
	for _, img := range s.uk8s {
		if img.Region != region {
			continue
		}
		inRegion = append(inRegion, img)
		switch {
		case zoneID != 0 && img.ZoneId != zoneID,
			!slices.Contains(sets, img.Set),
			machineType != "" && !slices.Contains(img.MachineTypes, machineType),
			gpuType != "" && !slices.Contains(img.SupportedGPUTypes, gpuType),
			k8sVersion != "" && !slices.Contains(img.K8sVersions, k8sVersion):
			continue
		}
		img = img.clone()
		switch img.Set {
		case SetImage:
			resp.ImageSet = append(resp.ImageSet, img)
		case SetPHostImage:
			resp.PHostImageSet = append(resp.PHostImageSet, img)
		case SetCustomImage:
			resp.CustomImageSet = append(resp.CustomImageSet, img)
		case SetCustomPHostImage:
			resp.CustomPHostImageSet = append(resp.CustomPHostImageSet, img)
		}
	}
	s.mu.Unlock()
	resp.ImageSetnew = decoy(inRegion, resp)
	return resp
}

// decoy picks the image for the undocumented ImageSetnew: preferably one the
// filters rejected, so a client that wrongly reads ImageSetnew shows up in
// tests as returning an image it should not.
func decoy(inRegion []UK8SImage, resp uk8sResponse) []UK8SImage {
	answered := map[string]bool{}
	for _, set := range [][]UK8SImage{resp.ImageSet, resp.PHostImageSet, resp.CustomImageSet, resp.CustomPHostImageSet} {
		for _, img := range set {
			answered[img.ImageId] = true
		}
	}
	for _, img := range inRegion {
		if !answered[img.ImageId] {
			return []UK8SImage{img.clone()}
		}
	}
	if len(inRegion) > 0 {
		return []UK8SImage{inRegion[0].clone()}
	}
	return []UK8SImage{}
}
