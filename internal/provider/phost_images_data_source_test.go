package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

func TestAccPHostImagesDataSource_allPages(t *testing.T) {
	fake := newTestAPI(t)
	want := len(fake.PHostImages())
	_ = want

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccPHostImagesDataSourceConfig_basic(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ucloud_phost_images.test", tfjsonpath.New("total_count"), knownvalue.Int64Exact(137)),
			},
			Check: func(_ *terraform.State) error {
				if n := fake.RequestCount(client.ActionDescribePHostImage); n != 2 {
					return fmt.Errorf("want 2 requests, got %d", n)
				}
				return nil
			},
		}},
	})
}

func testAccPHostImagesDataSourceConfig_basic() string {
	return `data "ucloud_phost_images" "test" {}`
}
