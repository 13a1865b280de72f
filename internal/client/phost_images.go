package client

import (
	"bytes"
	"context"
	"encoding/json"
)

// ActionDescribePHostImage lists bare-metal (UPHost) images, one page at a time.
const ActionDescribePHostImage = "DescribePHostImage"

// DescribePHostImageRequest holds DescribePHostImage's parameters; empty
// fields are not sent.
type DescribePHostImageRequest struct {
	Region    string
	Zone      string
	ProjectID string
	// ImageType is "Base" or "Custom".
	ImageType   string
	ImageIDs    []string
	MachineType string
	// Cluster is the network cluster (e.g. "25G"); the API requires MachineType with it.
	Cluster string
	Offset  int
	// Limit is the page size; the API defaults to 20.
	Limit int
}

func (r *DescribePHostImageRequest) params() params {
	p := params{}
	p.setString("Region", r.Region)
	p.setString("Zone", r.Zone)
	p.setString("ProjectId", r.ProjectID)
	p.setString("ImageType", r.ImageType)
	p.setList("ImageId", r.ImageIDs)
	p.setString("MachineType", r.MachineType)
	p.setString("Cluster", r.Cluster)
	p.setInt("Offset", r.Offset)
	p.setInt("Limit", r.Limit)
	return p
}

// PHostImage is one entry of the API's ImageSet. CreateTime, State and
// ImageSize are only filled for newer ("BareMetal 2.0") images.
type PHostImage struct {
	ImageID   string   `json:"ImageId"`
	ImageName string   `json:"ImageName"`
	OsName    string   `json:"OsName"`
	OsType    string   `json:"OsType"`
	Support   []string `json:"Support"`
	Version   string   `json:"Version"`
	ImageType string   `json:"ImageType"`
	// CreateTime is kept as the API spelled it: unix seconds, RFC 3339 or
	// "2006-01-02 15:04:05"; a JSON number is accepted too.
	CreateTime       LenientString `json:"CreateTime"`
	State            string        `json:"State"`
	ImageSize        int64         `json:"ImageSize"`
	ImageDescription string        `json:"ImageDescription"`
}

// DescribePHostImageResponse is one page of images.
type DescribePHostImageResponse struct {
	responseEnvelope
	// TotalCount is the number of images matching the server-side filters.
	TotalCount int          `json:"TotalCount"`
	ImageSet   []PHostImage `json:"ImageSet"`
}

// describePHostImage reads one page; ListPHostImages reads them all.
func (c *Client) describePHostImage(ctx context.Context, req *DescribePHostImageRequest) (*DescribePHostImageResponse, error) {
	return call[DescribePHostImageResponse](ctx, c, ActionDescribePHostImage, req.params())
}

// LenientString decodes a JSON string, or the literal text of a JSON number,
// so a field documented as a string survives an API that sends a number.
type LenientString string

// UnmarshalJSON accepts a string, a number or null.
func (s *LenientString) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		var v string
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*s = LenientString(v)
		return nil
	}
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return err
	}
	*s = LenientString(n)
	return nil
}
