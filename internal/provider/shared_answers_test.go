package provider

import (
	"bytes"
	"context"
	"os"
	"sync/atomic"
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

// countingServer counts the validations that reach the framework's server
// behind answerSharingServer.
type countingServer struct {
	tfprotov6.ProviderServer
	validations atomic.Int32
}

func (c *countingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	c.validations.Add(1)
	return c.ProviderServer.ValidateDataResourceConfig(ctx, req)
}

// configuredServer configures server for the fake API at url and returns
// the object type of the ucloud_phost_images configuration.
func configuredServer(t testing.TB, server tfprotov6.ProviderServer, url string) tftypes.Object {
	t.Helper()
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
	return schemas.DataSourceSchemas["ucloud_phost_images"].ValueType().(tftypes.Object) //nolint:forcetypeassert // As above.
}

// TestSharedAnswers_protocol reads and validates identical blocks through
// the served protocol: identical configurations are validated and read once,
// and every block gets the state and warnings that the framework alone
// gives; answers with errors are not kept, and other configurations are
// answered on their own.
func TestSharedAnswers_protocol(t *testing.T) {
	t.Parallel()
	fake := newTestAPI(t)
	// Two newest images with one creation time: most_recent warns of the tie,
	// and the warning must reach every block.
	images := fakeapi.GeneratePHostImages(fakeapi.Zone, 3)
	images[1].CreateTime = images[0].CreateTime
	images[2].CreateTime = images[0].CreateTime
	fake.SetPHostImages(images)

	p := newProvider("test", os.LookupEnv)
	counted := &countingServer{ProviderServer: providerserver.NewProtocol6(p)()}
	shared := &answerSharingServer{ProviderServer: counted, shared: newSharedReads(), direct: &directReader{provider: p}}
	stored, _ := testAPIs.Load(fake)
	url, _ := stored.(string)
	typ := configuredServer(t, shared, url)
	framework := providerserver.NewProtocol6(newProvider("test", os.LookupEnv))()
	configuredServer(t, framework, url)

	newest := protocolValue(t, typ, map[string]tftypes.Value{"most_recent": tftypes.NewValue(tftypes.Bool, true)})
	named := protocolValue(t, typ, map[string]tftypes.Value{"name_regex": tftypes.NewValue(tftypes.String, ".")})
	badRegex := protocolValue(t, typ, map[string]tftypes.Value{"name_regex": tftypes.NewValue(tftypes.String, "(")})
	read := func(server tfprotov6.ProviderServer, config *tfprotov6.DynamicValue) *tfprotov6.ReadDataSourceResponse {
		resp, err := server.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{TypeName: "ucloud_phost_images", Config: config})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	validate := func(config *tfprotov6.DynamicValue) []*tfprotov6.Diagnostic {
		resp, err := shared.ValidateDataResourceConfig(t.Context(), &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "ucloud_phost_images", Config: config})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Diagnostics
	}

	t.Run("reads", func(t *testing.T) {
		want := read(framework, newest)
		before := fake.RequestCount("")
		first, second := read(shared, newest), read(shared, newest)
		if n := fake.RequestCount("") - before; n != 1 {
			t.Errorf("two identical reads sent %d requests, want one", n)
		}
		for name, resp := range map[string]*tfprotov6.ReadDataSourceResponse{"first": first, "second": second} {
			if resp.State == nil || !bytes.Equal(resp.State.MsgPack, want.State.MsgPack) {
				t.Errorf("%s read: state differs from the framework's own", name)
			}
			if len(resp.Diagnostics) != 1 || len(want.Diagnostics) != 1 || resp.Diagnostics[0].Summary != want.Diagnostics[0].Summary {
				t.Errorf("%s read: diagnostics %v, want the framework's %v", name, resp.Diagnostics, want.Diagnostics)
			}
		}
		if &first.Diagnostics[0] == &second.Diagnostics[0] {
			t.Error("the two blocks share one diagnostics slice, want a copy each")
		}
		if other := read(shared, named); other.State == nil || bytes.Equal(other.State.MsgPack, first.State.MsgPack) {
			t.Error("a different configuration got the first one's answer")
		}
	})

	t.Run("validations", func(t *testing.T) {
		first, second := validate(named), validate(named)
		if n := counted.validations.Load(); n != 1 || len(first) != 0 || len(second) != 0 {
			t.Errorf("two identical valid configurations: %d validations, diagnostics %v and %v; want one, none", n, first, second)
		}
		for range 2 {
			if diags := validate(badRegex); len(diags) != 1 || !isErrorDiagnostic(diags[0]) {
				t.Errorf("an invalid name_regex: diagnostics %v, want its one error", diags)
			}
		}
		if n := counted.validations.Load(); n != 3 {
			t.Errorf("validations reaching the framework: %d, want 3 (errors are not kept)", n)
		}
	})
}
