package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestPlanReadChecks: the checks asPlan moves onto the plan see what the
// plan read and what it plans to output, with numbers as state checks
// expect them, and fail when a value or the Check differs.
func TestPlanReadChecks(t *testing.T) {
	plan := &tfjson.Plan{
		FormatVersion: "1.2",
		PriorState: &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{
			Resources: []*tfjson.StateResource{{
				Address: testPHostImages, Mode: tfjson.DataResourceMode,
				AttributeValues: map[string]any{"total_count": float64(137), "ids": []any{"pimg-a"}},
			}},
		}}},
		PlannedValues: &tfjson.StateValues{Outputs: map[string]*tfjson.StateOutput{"chosen": {Value: "pimg-a"}}},
	}
	total := func(n int64) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("total_count"), knownvalue.Int64Exact(n))
	}
	output := statecheck.ExpectKnownOutputValue("chosen", knownvalue.StringExact("pimg-a"))
	failing := func(*terraform.State) error { return errors.New("check failed") }

	for _, tt := range []struct {
		name   string
		checks planReadChecks
		want   string
	}{
		{"values and outputs", planReadChecks{stateChecks: []statecheck.StateCheck{total(137), output}}, ""},
		{"a different value", planReadChecks{stateChecks: []statecheck.StateCheck{total(136), output}}, "137"},
		{"a missing data source", planReadChecks{stateChecks: []statecheck.StateCheck{expectDistinctImageIDs("data.ucloud_phost_images.other", 1)}}, "not found"},
		{"a failing Check", planReadChecks{stateChecks: []statecheck.StateCheck{total(137)}, check: failing}, "check failed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var resp plancheck.CheckPlanResponse
			tt.checks.CheckPlan(context.Background(), plancheck.CheckPlanRequest{Plan: plan}, &resp)
			switch {
			case tt.want == "" && resp.Error != nil:
				t.Errorf("unexpected error: %v", resp.Error)
			case tt.want != "" && (resp.Error == nil || !strings.Contains(resp.Error.Error(), tt.want)):
				t.Errorf("error %v, want one containing %q", resp.Error, tt.want)
			}
		})
	}
}
