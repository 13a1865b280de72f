package client

import "context"

// ActionDescribeUK8SImage lists the node images UK8S supports.
const ActionDescribeUK8SImage = "DescribeUK8SImage"

// DescribeUK8SImageRequest holds DescribeUK8SImage's parameters; empty
// fields are not sent.
type DescribeUK8SImageRequest struct {
	Region    string
	Zone      string
	ProjectID string
	// ProductType is "uhost" (VM) or "uphost" (bare metal); empty means both.
	ProductType string
	// MachineType is e.g. "O", "G" or "OPRO"; the API defaults to "O".
	MachineType string
	// GPUType is e.g. "4090" or "A800"; the API requires it for "G".
	GPUType    string
	K8sVersion string
}

func (r *DescribeUK8SImageRequest) params() params {
	p := params{}
	p.setString("Region", r.Region)
	p.setString("Zone", r.Zone)
	p.setString("ProjectId", r.ProjectID)
	p.setString("ProductType", r.ProductType)
	p.setString("MachineType", r.MachineType)
	p.setString("GPUType", r.GPUType)
	p.setString("K8sVersion", r.K8sVersion)
	return p
}

// UK8SImage is the API's ImageInfo. Fields the API leaves out stay zero.
type UK8SImage struct {
	ZoneID        int    `json:"ZoneId"`
	ImageID       string `json:"ImageId"`
	ImageName     string `json:"ImageName"`
	NotSupportGPU bool   `json:"NotSupportGPU"`
	OsType        string `json:"OsType"`
	OsName        string `json:"OsName"`
	// Features are capabilities such as "NetEnhanced".
	Features  []string `json:"Features"`
	ImageSize int64    `json:"ImageSize"`
	// IntegratedSoftware describes bundled software, e.g. driver and CUDA versions.
	IntegratedSoftware string   `json:"IntegratedSoftware"`
	SupportedGPUTypes  []string `json:"SupportedGPUTypes"`
}

// DescribeUK8SImageResponse holds the four image sets; a set the API omits
// is nil.
type DescribeUK8SImageResponse struct {
	responseEnvelope
	ImageSet            []UK8SImage `json:"ImageSet"`
	PHostImageSet       []UK8SImage `json:"PHostImageSet"`
	CustomImageSet      []UK8SImage `json:"CustomImageSet"`
	CustomPHostImageSet []UK8SImage `json:"CustomPHostImageSet"`
}

// DescribeUK8SImage lists UK8S node images.
func (c *Client) DescribeUK8SImage(ctx context.Context, req *DescribeUK8SImageRequest) (*DescribeUK8SImageResponse, error) {
	return call[DescribeUK8SImageResponse](ctx, c, ActionDescribeUK8SImage, req.params())
}
