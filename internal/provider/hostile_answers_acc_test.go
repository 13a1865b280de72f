package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// TestAccHostile_baseURLPasswordNeverShown points base_url, with a password
// in it, at a running fake: Terraform must refuse it naming base_url, send
// nothing, and show the password neither in its output nor in the TRACE
// log. The provider block case is refused at plan time, the environment
// case in Configure.
func TestAccHostile_baseURLPasswordNeverShown(t *testing.T) {
	tests := []struct {
		name string
		// inHCL sets base_url in the provider block (through a variable, so
		// that Terraform's own quote of the offending line shows no
		// password) instead of UCLOUD_BASE_URL.
		inHCL bool
		want  string
	}{
		{name: "provider block", inHCL: true, want: "Invalid URL"},
		{name: "environment", want: "Invalid UCloud API Base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newEnvTestAPI(t)
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			withPassword := strings.Replace(srv.URL, "http://", "http://admin:"+testPassword+"@", 1)

			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_LOG_PATH", logPath)
			t.Setenv("TF_LOG_PROVIDER_UCLOUD", "")
			config := `data "ucloud_phost_images" "test" {}` + "\n"
			if tt.inHCL {
				config = fmt.Sprintf(`
variable "endpoint" {
  type    = string
  default = %[1]q
}

provider "ucloud" {
  base_url = var.endpoint
}
`, withPassword) + config
			} else {
				setProviderEnv(t, envBaseURL, withPassword)
				config = providerBlock() + config
			}

			var failure error
			testAccRunAlone(t, resource.TestCase{
				// NOTE: ErrorCheck rather than ExpectError, because a
				// regular expression cannot say "does not contain".
				ErrorCheck: func(err error) error {
					failure = err
					if strings.Contains(err.Error(), testPassword) {
						return fmt.Errorf("the output shows the password: %w", err)
					}
					if !wrappedDiagRegexp(tt.want, "base_url", "carries user info", "remove it").MatchString(err.Error()) {
						return err
					}
					return nil
				},
				Steps: []resource.TestStep{{Config: config}},
			})
			if failure == nil {
				t.Fatal("the configuration was accepted")
			}
			expectNoRequests(t, fake)

			data, err := os.ReadFile(logPath) //nolint:gosec // G304: this test's own temporary file.
			if err != nil {
				t.Fatalf("reading the TRACE log: %v", err)
			}
			log := withoutHarnessEntries(string(data))
			if !strings.Contains(log, "[TRACE]") {
				t.Fatalf("the log (%d bytes) holds no TRACE line", len(data))
			}
			if i := strings.Index(log, testPassword); i >= 0 {
				t.Errorf("the TRACE log shows the password: %s", logExcerpt(log, i))
			}
		})
	}
}

// TestAccHostile_listingDefectNamed checks that a listing the API cannot
// have is refused after one request, with a diagnostic naming the defect
// rather than suggesting another run.
func TestAccHostile_listingDefectNamed(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		phrases []string
	}{
		{
			name: "a billion images",
			body: `{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":1000000000,"ImageSet":[{"ImageId":"pimg-1"}]}`,
			phrases: []string{"Unable to Read Bare-Metal Images", fmt.Sprintf("claims TotalCount 1000000000, more than the %d images one listing may read", client.MaxListingImages),
				"Running the plan again will not help"},
		},
		{
			name:    "negative TotalCount",
			body:    `{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":-3,"ImageSet":[{"ImageId":"pimg-1"}]}`,
			phrases: []string{"claims TotalCount -3, which no listing can have", "Running the plan again will not help"},
		},
		{
			name:    "the same ID twice",
			body:    `{"RetCode":0,"Action":"DescribePHostImageResponse","TotalCount":2,"ImageSet":[{"ImageId":"pimg-1"},{"ImageId":"pimg-1"}]}`,
			phrases: []string{"the page at Offset 0 lists image pimg-1 twice", "Running the plan again will not help"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newTestAPI(t)
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribePHostImage, Body: tt.body, Times: 100})
			testAccRun(t, fake, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      `data "ucloud_phost_images" "test" {}`,
					ExpectError: wrappedDiagRegexp(tt.phrases...),
				}},
			})
			if n := fake.RequestCount(client.ActionDescribePHostImage); n != 1 {
				t.Errorf("the fake received %d requests, want 1", n)
			}
		})
	}
}

// TestAccHostile_oddAnswers checks RetCodes written as strings and an
// answer for another action, end to end.
func TestAccHostile_oddAnswers(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		phrases  []string
		wantReqs int
	}{
		{
			name: "RetCode 171 as a string",
			body: `{"RetCode":"171","Action":"DescribeUK8SImageResponse","Message":"Signature VerifyAC Error"}`,
			phrases: []string{"failed. The signature did not verify", "check private_key",
				"RetCode: 171", "Message: Signature VerifyAC Error"},
			wantReqs: 1,
		},
		{
			name:     "an answer for another action",
			body:     `{"RetCode":0,"Action":"DescribePHostImageResponse","ImageSet":[{"ImageId":"pimg-1"}]}`,
			phrases:  []string{`was answered for another action ("DescribePHostImageResponse", expected "DescribeUK8SImageResponse")`, "check base_url"},
			wantReqs: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newTestAPI(t)
			fake.AddFault(fakeapi.Fault{Action: client.ActionDescribeUK8SImage, Body: tt.body, Times: 100})
			testAccRun(t, fake, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      `data "ucloud_uk8s_images" "test" {}`,
					ExpectError: wrappedDiagRegexp(tt.phrases...),
				}},
			})
			if n := fake.RequestCount(client.ActionDescribeUK8SImage); n != tt.wantReqs {
				t.Errorf("the fake received %d requests, want %d", n, tt.wantReqs)
			}
		})
	}
}

// TestAccHostile_retCodeZeroAsString reads images from answers whose
// RetCode is the string "0".
func TestAccHostile_retCodeZeroAsString(t *testing.T) {
	fake := newTestAPI(t)
	fake.AddFault(fakeapi.Fault{
		Action: client.ActionDescribeUK8SImage, Times: 100,
		Body: `{"RetCode":"0","Action":"DescribeUK8SImageResponse","ImageSet":[{"ZoneId":1,"ImageId":"uimage-string","ImageName":"Ubuntu"}]}`,
	})
	testAccRun(t, fake, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: `data "ucloud_uk8s_images" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.ucloud_uk8s_images.test",
				tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("image_id"), knownvalue.StringExact("uimage-string"))},
		}},
	})
}
