package provider

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/client"
	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// requestUUID finds the request UUID in an API error's detail.
var requestUUID = regexp.MustCompile(`Request UUID: \S+`)

// TestDirectRead_matchesFramework: for the same configurations, the direct
// read gives the answer the framework gives: the same state bytes and the
// same diagnostics (severity, summary, detail and attribute), for results,
// warnings, errors of the read and errors of the API.
func TestDirectRead_matchesFramework(t *testing.T) {
	t.Parallel()
	fake := newTestAPI(t)
	images := fakeapi.GeneratePHostImages(fakeapi.Zone, 250)
	images[1].CreateTime = images[0].CreateTime // a tie for most_recent
	fake.SetPHostImages(images)
	fake.AddFault(fakeapi.Fault{Action: client.ActionDescribeUK8SImage, Match: func(r fakeapi.Request) bool {
		return r.Params.Get("ProjectId") == "org-refused"
	}, RetCode: 172, Times: 100})
	stored, _ := testAPIs.Load(fake)
	url, _ := stored.(string)

	p := newProvider("test", os.LookupEnv)
	direct := &directReader{provider: p}
	framework := providerserver.NewProtocol6(p)()
	configuredServer(t, framework, url) // configures p for both
	schemas, err := framework.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	yes := tftypes.NewValue(tftypes.Bool, true)

	for _, tt := range []struct {
		name, typeName string
		set            map[string]tftypes.Value
	}{
		{"every bare-metal image", "ucloud_phost_images", nil},
		{"most_recent with a tie", "ucloud_phost_images", map[string]tftypes.Value{"most_recent": yes}},
		{"filtered and ordered", "ucloud_phost_images", map[string]tftypes.Value{"name_regex": str("1"), "sort_by": str("name")}},
		{"no match required", "ucloud_phost_images", map[string]tftypes.Value{"os_type": str("Plan9"), "require_match": yes}},
		{"most_recent ascending", "ucloud_phost_images", map[string]tftypes.Value{"most_recent": yes, "sort_by": str("name"), "sort_ascending": yes}},
		{"every UK8S image", "ucloud_uk8s_images", nil},
		{"the API refuses", "ucloud_uk8s_images", map[string]tftypes.Value{"project_id": str("org-refused")}},
		{"the API refuses a parameter", "ucloud_uk8s_images", map[string]tftypes.Value{"machine_type": str("G")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			typ := schemas.DataSourceSchemas[tt.typeName].ValueType().(tftypes.Object) //nolint:forcetypeassert // A schema's type is an object.
			req := &tfprotov6.ReadDataSourceRequest{TypeName: tt.typeName, Config: protocolValue(t, typ, tt.set)}
			got, ok := direct.read(t.Context(), req)
			if !ok {
				t.Fatal("the direct read declined a configured provider's data source")
			}
			want, err := framework.ReadDataSource(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if want.State == nil || got.State == nil || !bytes.Equal(got.State.MsgPack, want.State.MsgPack) {
				t.Error("the state differs from the framework's")
			}
			if len(got.Diagnostics) != len(want.Diagnostics) {
				t.Fatalf("diagnostics %v, want the framework's %v", got.Diagnostics, want.Diagnostics)
			}
			for i, w := range want.Diagnostics {
				g := got.Diagnostics[i]
				// Each request has a UUID of its own.
				sameDetail := requestUUID.ReplaceAllString(g.Detail, "") == requestUUID.ReplaceAllString(w.Detail, "")
				if g.Severity != w.Severity || g.Summary != w.Summary || !sameDetail || !g.Attribute.Equal(w.Attribute) {
					t.Errorf("diagnostic %d: %+v, want the framework's %+v", i, g, w)
				}
			}
		})
	}
	if len(fake.Requests()) == 0 {
		t.Error("the fake received no request")
	}
}
