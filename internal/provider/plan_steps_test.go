package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// asPlan runs step as the plan a user runs, for speed: data sources are read
// while Terraform plans, so the plan is the whole job of this provider, and
// a plan-only step costs terraform-plugin-testing 4 CLI calls and 2 reads
// instead of 8 and 4 (plan, apply, three plans after it) and a destroy.
//
// The step's state checks run on what the first plan read (planRead), and
// its Check right after that plan, when exactly one read has reached the
// fake. Check is given an empty state: checks of state are state checks.
// Steps that expect an error, or are plan-only already, are left alone.
func asPlan(step resource.TestStep) resource.TestStep {
	if step.ExpectError != nil || step.PlanOnly {
		return step
	}
	step.PlanOnly = true
	// Outputs make the plan of an empty state non-empty.
	step.ExpectNonEmptyPlan = strings.Contains(step.Config, "\noutput ")
	step.ConfigPlanChecks.PostApplyPreRefresh = append(step.ConfigPlanChecks.PostApplyPreRefresh,
		planReadChecks{stateChecks: step.ConfigStateChecks, check: step.Check})
	step.ConfigStateChecks, step.Check = nil, nil
	return step
}

// emptyState is the legacy state a Check of a plan-only step receives: a
// root module with nothing in it, so that a check of state fails plainly.
var emptyState = &terraform.State{Modules: []*terraform.ModuleState{{Path: []string{"root"}}}}

// asPlans runs every step of tc as a plan (asPlan).
func asPlans(tc resource.TestCase) resource.TestCase {
	for i := range tc.Steps {
		tc.Steps[i] = asPlan(tc.Steps[i])
	}
	return tc
}

// planReadChecks runs state checks, and a TestCheckFunc that reads no
// state, on a plan.
type planReadChecks struct {
	stateChecks []statecheck.StateCheck
	check       resource.TestCheckFunc
}

// CheckPlan implements plancheck.PlanCheck.
func (c planReadChecks) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if c.check != nil {
		if err := c.check(emptyState); err != nil {
			resp.Error = err
			return
		}
	}
	state, err := planRead(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	var errs []error
	for _, sc := range c.stateChecks {
		var got statecheck.CheckStateResponse
		sc.CheckState(ctx, statecheck.CheckStateRequest{State: state}, &got)
		errs = append(errs, got.Error)
	}
	resp.Error = errors.Join(errs...)
}

// planRead is the state a plan leads to: the data sources it read (its
// prior state) and the outputs it plans.
//
// NOTE: the values go through JSON once more because tfjson decodes a
// plan's numbers as float64 and a state's as json.Number, which the
// knownvalue checks want; the numbers here are far below 2^53.
func planRead(plan *tfjson.Plan) (*tfjson.State, error) {
	values := &tfjson.StateValues{}
	if plan.PriorState != nil && plan.PriorState.Values != nil {
		values.RootModule = plan.PriorState.Values.RootModule
	}
	if plan.PlannedValues != nil {
		values.Outputs = plan.PlannedValues.Outputs
	}
	body, err := json.Marshal(&tfjson.State{FormatVersion: plan.FormatVersion, TerraformVersion: plan.TerraformVersion, Values: values})
	if err != nil {
		return nil, err
	}
	var state tfjson.State
	state.UseJSONNumber(true)
	if err := state.UnmarshalJSON(body); err != nil {
		return nil, err
	}
	return &state, nil
}

// dataSourceCheck is a state check of one data source's values, for what
// the knownvalue checks cannot say.
type dataSourceCheck struct {
	address string
	check   func(values map[string]any) error
}

// CheckState implements statecheck.StateCheck.
func (c dataSourceCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State != nil && req.State.Values != nil && req.State.Values.RootModule != nil {
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Address == c.address {
				resp.Error = c.check(r.AttributeValues)
				return
			}
		}
	}
	resp.Error = fmt.Errorf("%s not found in state", c.address)
}

// TestAccApplyRefreshDestroy takes both data sources once through the whole
// cycle that asPlan skips elsewhere: plan, apply, refresh and destroy, with
// no difference in the plans after apply, and state checks on the state
// apply wrote.
func TestAccApplyRefreshDestroy(t *testing.T) {
	fake := newTestAPI(t)
	config := testAccProviderConfig(t, fake, `
data "ucloud_phost_images" "test" {
  most_recent = true
}

data "ucloud_uk8s_images" "test" {}

output "phost_image" {
  value = data.ucloud_phost_images.test.ids[0]
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testPHostImages, tfjsonpath.New("images"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(testUK8SImages, tfjsonpath.New("images"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownOutputValue("phost_image", knownvalue.NotNull()),
			},
		}},
	})
}
