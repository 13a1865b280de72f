package provider

import (
	"bytes"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// protocolValue encodes an object of schema type typ with the given
// attributes set and every other one null.
func protocolValue(t testing.TB, typ tftypes.Object, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := set[name]; ok {
			vals[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// servedReader starts a provider through the served protocol, configured
// for the fake at url, and returns a function reading ucloud_phost_images
// with config.
func servedReader(t testing.TB, url string) func(*tfprotov6.DynamicValue) *tfprotov6.ReadDataSourceResponse {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	providerType := schemas.Provider.ValueType().(tftypes.Object) //nolint:forcetypeassert // A schema's type is an object.
	configured, err := server.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{
		Config: protocolValue(t, providerType, map[string]tftypes.Value{
			attrBaseURL: str(url), attrPublicKey: str(fakeapi.PublicKey), attrPrivateKey: str(fakeapi.PrivateKey),
			attrRegion: str(fakeapi.Region), attrZone: str(fakeapi.Zone),
			attrSharedConfigFile: str(testAccProfileFile), attrSharedCredentialsFile: str(testAccProfileFile),
		}),
	})
	if err != nil || len(configured.Diagnostics) > 0 {
		t.Fatalf("ConfigureProvider: %v %v", err, configured.Diagnostics)
	}
	return func(config *tfprotov6.DynamicValue) *tfprotov6.ReadDataSourceResponse {
		resp, err := server.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{TypeName: "ucloud_phost_images", Config: config})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
}

// TestSharedAnswers_protocol reads identical blocks through the served
// protocol: the second read in one process is shared (no new request) and
// its state and warnings equal those of a read in a fresh process.
func TestSharedAnswers_protocol(t *testing.T) {
	t.Parallel()
	fake := newTestAPI(t)
	// Two newest images with one creation time: most_recent warns of the tie,
	// and the warning must reach every block.
	images := fakeapi.GeneratePHostImages(fakeapi.Zone, 3)
	images[1].CreateTime = images[0].CreateTime
	images[2].CreateTime = images[0].CreateTime
	fake.SetPHostImages(images)
	url, _ := testAPIs.Load(fake)
	shared, unshared := servedReader(t, url.(string)), servedReader(t, url.(string)) //nolint:forcetypeassert // newTestAPI stores strings.

	schemas, err := providerserver.NewProtocol6(New("test")())().GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.DataSourceSchemas["ucloud_phost_images"].ValueType().(tftypes.Object) //nolint:forcetypeassert // As above.
	config := protocolValue(t, typ, map[string]tftypes.Value{"most_recent": tftypes.NewValue(tftypes.Bool, true)})

	first := shared(config)
	requests := len(fake.Requests())
	second := shared(config)
	if got := len(fake.Requests()); got != requests {
		t.Errorf("the identical second read sent %d more requests, want none", got-requests)
	}
	fresh := unshared(config)
	for name, resp := range map[string]*tfprotov6.ReadDataSourceResponse{"first": first, "shared": second, "unshared": fresh} {
		if resp.State == nil || !bytes.Equal(resp.State.MsgPack, fresh.State.MsgPack) {
			t.Errorf("%s read: state differs from the unshared read's", name)
		}
		if len(resp.Diagnostics) == 0 || len(resp.Diagnostics) != len(fresh.Diagnostics) || resp.Diagnostics[0].Summary != fresh.Diagnostics[0].Summary {
			t.Errorf("%s read: diagnostics %v, want the unshared read's %v", name, resp.Diagnostics, fresh.Diagnostics)
		}
	}
}
