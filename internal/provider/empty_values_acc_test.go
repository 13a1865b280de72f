package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
)

// This file is the empty-value matrix: how "" and [] behave for every
// string and list argument, the rules the docs' index writes down.

// What "" (for a string) or [] (for a list) means for one argument.
const (
	emptyIsUnset          = "unset"           // as if the argument were not written
	emptyIsRefused        = "refused"         // a plan-time error naming the argument
	emptyIsEveryZone      = "every zone"      // no Zone sent, whatever the provider sets
	emptyIsDefaultProject = "default project" // no ProjectId sent, whatever the provider sets
)

// emptyValueRules maps each data source and its string and list arguments
// to the rule for "" or []. Null list elements are refused for every list.
var emptyValueRules = map[string]map[string]string{
	"ucloud_phost_images": {
		"region": emptyIsUnset, "zone": emptyIsRefused, "project_id": emptyIsDefaultProject,
		"name_regex": emptyIsUnset, "os_type": emptyIsUnset, "sort_by": emptyIsUnset,
		"image_type": emptyIsUnset, "machine_type": emptyIsUnset, "cluster": emptyIsUnset,
		"image_ids": emptyIsRefused, "states": emptyIsRefused,
	},
	"ucloud_uk8s_images": {
		"region": emptyIsUnset, "zone": emptyIsEveryZone, "project_id": emptyIsDefaultProject,
		"name_regex": emptyIsUnset, "os_type": emptyIsUnset, "sort_by": emptyIsUnset,
		"product_type": emptyIsUnset, "machine_type": emptyIsUnset, "gpu_type": emptyIsUnset, "k8s_version": emptyIsUnset,
	},
}

// TestEmptyValueRules_everyArgument fails when a string or list argument
// has no rule above (or a rule names no argument), so a new argument cannot
// skip the matrix. The provider block's rule is one for all: "" is unset
// (TestAccEmptyValues_providerSettings).
func TestEmptyValueRules_everyArgument(t *testing.T) {
	for name, s := range map[string]schema.Schema{"ucloud_phost_images": phostImagesSchema, "ucloud_uk8s_images": uk8sImagesSchema} {
		var args []string
		for arg, a := range s.Attributes {
			if a.IsOptional() && !a.GetType().Equal(types.BoolType) {
				args = append(args, arg)
			}
		}
		var ruled []string
		for arg := range emptyValueRules[name] {
			ruled = append(ruled, arg)
		}
		slices.Sort(args)
		slices.Sort(ruled)
		if !slices.Equal(args, ruled) {
			t.Errorf("%s: string and list arguments %v, rules for %v", name, args, ruled)
		}
	}
}

// TestAccEmptyValues_dataSourceStrings gives every argument whose "" means
// unset an "" in a block of its own, beside a block with no arguments: all
// share the baseline's one listing (so each sent the same request) and
// hold the same images.
func TestAccEmptyValues_dataSourceStrings(t *testing.T) {
	tests := []struct {
		dataSource, action, result string
		requests                   int
	}{
		{"ucloud_phost_images", client.ActionDescribePHostImage, "ids", 2},
		{"ucloud_uk8s_images", client.ActionDescribeUK8SImage, "images", 1},
	}
	for _, tt := range tests {
		t.Run(tt.dataSource, func(t *testing.T) {
			fake := newTestAPI(t)
			config := fmt.Sprintf("data %q \"baseline\" {}\n", tt.dataSource)
			same := statecheck.CompareValue(compare.ValuesSame())
			same.AddStateValue("data."+tt.dataSource+".baseline", tfjsonpath.New(tt.result))
			blocks := 0
			for arg, rule := range emptyValueRules[tt.dataSource] {
				if rule != emptyIsUnset {
					continue
				}
				config += fmt.Sprintf("data %q %q {\n  %s = \"\"\n}\n", tt.dataSource, "empty_"+arg, arg)
				same.AddStateValue("data."+tt.dataSource+".empty_"+arg, tfjsonpath.New(tt.result))
				blocks++
			}
			if blocks < 5 {
				t.Fatalf("only %d arguments tested", blocks)
			}

			testAccRun(t, fake, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:            config,
					ConfigStateChecks: []statecheck.StateCheck{same},
					Check:             testCheckRequests(fake, tt.action, wantRequestCount(tt.requests)),
				}},
			})
		})
	}
}

// TestAccEmptyValues_providerSettings sets every string setting of the
// provider block to "": each falls through to the environment and the
// defaults, exactly as if unset.
func TestAccEmptyValues_providerSettings(t *testing.T) {
	fake := newEnvTestAPI(t)
	var settings []string
	for name, a := range providerSchema.Attributes {
		if a.GetType().Equal(types.StringType) {
			settings = append(settings, name+` = ""`)
		}
	}
	slices.Sort(settings)
	if len(settings) < 10 {
		t.Fatalf("only %d string settings found: %v", len(settings), settings)
	}

	testAccRunWithEnv(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: providerBlock(settings...) + testAccPHostImagesDataSourceConfig_basic(),
			Check: testCheckRequests(fake, client.ActionDescribePHostImage, wantRequestCount(2),
				wantParams(map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-02"}, phostPagingParams...)),
			ConfigStateChecks: expectPHostListing(fake.PHostImages(), "cn-bj2-02"),
		}},
	})
}
