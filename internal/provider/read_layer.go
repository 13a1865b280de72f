package provider

import (
	"context"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// imageReader is the read layer: what the provider hands its data sources
// as ProviderData. It holds the API client, the provider's defaults and the
// listings shared within this process (the policy is in shared_reads.go).
type imageReader struct {
	client   *client.Client
	defaults imageLocation
	shared   *sharedReads
}

func newImageReader(c *client.Client, defaults imageLocation) *imageReader {
	return &imageReader{client: c, defaults: defaults, shared: newSharedReads()}
}

// listPHostImages returns every bare-metal image the query lists.
func (r *imageReader) listPHostImages(ctx context.Context, req client.DescribePHostImageRequest) ([]client.PHostImage, error) {
	return shareRead(ctx, r.shared, readKey(client.ActionDescribePHostImage, req), func(ctx context.Context) ([]client.PHostImage, error) {
		return r.client.ListPHostImages(ctx, req)
	})
}

// describeUK8SImage returns the four UK8S image sets the query lists.
func (r *imageReader) describeUK8SImage(ctx context.Context, req client.DescribeUK8SImageRequest) (*client.DescribeUK8SImageResponse, error) {
	return shareRead(ctx, r.shared, readKey(client.ActionDescribeUK8SImage, req), func(ctx context.Context) (*client.DescribeUK8SImageResponse, error) {
		return r.client.DescribeUK8SImage(ctx, &req)
	})
}
