package fakeapi

import (
	"testing"
)

// uk8sCall asks DescribeUK8SImage with name, value pairs.
func uk8sCall(t *testing.T, base string, kv ...string) uk8sResponse {
	t.Helper()
	var out uk8sResponse
	callInto(t, base, signed(form(append([]string{"Action", "DescribeUK8SImage"}, kv...)...)), &out)
	return out
}

func TestDescribeUK8SImage_filters(t *testing.T) {
	_, base := start(t)
	// want: sizes of ImageSet, PHostImageSet, CustomImageSet, CustomPHostImageSet.
	tests := []struct {
		name string
		kv   []string
		want [4]int
	}{
		{"region", []string{"Region", "cn-bj2"}, [4]int{7, 3, 2, 2}},
		{"cn-sh2", []string{"Region", "cn-sh2"}, [4]int{4, 2, 1, 1}},
		{"hk", []string{"Region", "hk"}, [4]int{2, 0, 0, 0}},
		{"unknown region", []string{"Region", "cn-gd"}, [4]int{}},
		{"zone 02", []string{"Region", "cn-bj2", "Zone", "cn-bj2-02"}, [4]int{3, 2, 1, 1}},
		{"zone 03", []string{"Region", "cn-bj2", "Zone", "cn-bj2-03"}, [4]int{2, 1, 1, 0}},
		{"zone 05", []string{"Region", "cn-bj2", "Zone", "cn-bj2-05"}, [4]int{2, 0, 0, 1}},
		{"zone of another region", []string{"Region", "cn-bj2", "Zone", "cn-sh2-01"}, [4]int{}},
		{"uhost", []string{"Region", "cn-bj2", "ProductType", "uhost"}, [4]int{7, 0, 2, 0}},
		{"uphost", []string{"Region", "cn-bj2", "ProductType", "uphost"}, [4]int{0, 3, 0, 2}},
		{"machine type O", []string{"Region", "cn-bj2", "MachineType", "O"}, [4]int{6, 3, 1, 1}},
		{"G with A800", []string{"Region", "cn-bj2", "MachineType", "G", "GPUType", "A800"}, [4]int{2, 1, 1, 1}},
		{"G with T4", []string{"Region", "cn-bj2", "MachineType", "G", "GPUType", "T4"}, [4]int{2, 0, 1, 0}},
		{"GPU type alone", []string{"Region", "cn-bj2", "GPUType", "4090"}, [4]int{2, 1, 0, 0}},
		{"GPU type of another region", []string{"Region", "cn-bj2", "GPUType", "1080Ti"}, [4]int{}},
		{"k8s 1.30.4", []string{"Region", "cn-bj2", "K8sVersion", "1.30.4"}, [4]int{4, 2, 0, 2}},
		{"k8s 1.26.7", []string{"Region", "cn-bj2", "K8sVersion", "1.26.7"}, [4]int{5, 1, 1, 0}},
		{"combined", []string{"Region", "cn-bj2", "Zone", "cn-bj2-02", "ProductType", "uhost", "MachineType", "O", "K8sVersion", "1.28.15"}, [4]int{3, 0, 0, 0}},
		{"unknown parameters are ignored", []string{"Region", "cn-bj2", "ProjectId", "org-1", "Whatever", "x"}, [4]int{7, 3, 2, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := uk8sCall(t, base, tc.kv...)
			if out.RetCode != 0 || out.Action != "DescribeUK8SImageResponse" {
				t.Fatalf("RetCode %d, Action %s", out.RetCode, out.Action)
			}
			got := [4]int{len(out.ImageSet), len(out.PHostImageSet), len(out.CustomImageSet), len(out.CustomPHostImageSet)}
			if got != tc.want {
				t.Errorf("set sizes %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDescribeUK8SImage_paramErrors(t *testing.T) {
	_, base := start(t)
	tests := []struct {
		name    string
		kv      []string
		wantMsg string
	}{
		{"missing Region", []string{"Zone", "cn-bj2-02"}, "Params [Region] not available"},
		{"unknown Zone", []string{"Region", "cn-bj2", "Zone", "cn-bj2-99"}, "Params [Zone] not available"},
		{"bad ProductType", []string{"Region", "cn-bj2", "ProductType", "vm"}, "Params [ProductType] not available"},
		{"G without GPUType", []string{"Region", "cn-bj2", "MachineType", "G"}, "Params [GPUType] not available"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, base, signed(form(append([]string{"Action", "DescribeUK8SImage"}, tc.kv...)...)))
			if retCode(t, got) != 230 || got["Message"] != tc.wantMsg {
				t.Errorf("got %v, want RetCode 230 and %q", got, tc.wantMsg)
			}
		})
	}
}

// The answer carries the API example's undocumented sets, leaves out empty
// documented sets, and shows no internal fields.
func TestDescribeUK8SImage_responseShape(t *testing.T) {
	_, base := start(t)

	full := call(t, base, signed(form("Action", "DescribeUK8SImage", "Region", "cn-bj2", "Zone", "cn-bj2-05")))
	newSet, _ := full["ImageSetnew"].([]any)
	if len(newSet) != 1 {
		t.Errorf("ImageSetnew = %v, want one image", full["ImageSetnew"])
	}
	custom, ok := full["CustomIImageSet"].([]any)
	if !ok || len(custom) != 0 {
		t.Errorf("CustomIImageSet = %v, want []", full["CustomIImageSet"])
	}
	for _, set := range []string{"PHostImageSet", "CustomImageSet"} {
		if _, ok := full[set]; ok {
			t.Errorf("empty %s is present", set)
		}
	}

	// The decoy in ImageSetnew is not one of the answered images.
	decoded := uk8sCall(t, base, "Region", "cn-bj2", "Zone", "cn-bj2-05")
	for _, set := range [][]UK8SImage{decoded.ImageSet, decoded.PHostImageSet, decoded.CustomImageSet, decoded.CustomPHostImageSet} {
		for _, img := range set {
			if img.ImageId == decoded.ImageSetnew[0].ImageId {
				t.Errorf("ImageSetnew repeats answered image %s", img.ImageId)
			}
		}
	}

	sets, _ := call(t, base, signed(form("Action", "DescribeUK8SImage", "Region", "cn-bj2")))["ImageSet"].([]any)
	for _, raw := range sets {
		img, _ := raw.(map[string]any)
		for _, k := range []string{"ZoneId", "ImageId", "ImageName", "NotSupportGPU"} {
			if _, ok := img[k]; !ok {
				t.Errorf("image %v lacks %s", img["ImageId"], k)
			}
		}
		for _, k := range []string{"Set", "Region", "MachineTypes", "K8sVersions"} {
			if _, ok := img[k]; ok {
				t.Errorf("image %v exposes internal field %s", img["ImageId"], k)
			}
		}
		gpus, _ := img["SupportedGPUTypes"].([]any)
		if img["NotSupportGPU"] != (len(gpus) == 0) {
			t.Errorf("image %v: NotSupportGPU %v with GPU types %v", img["ImageId"], img["NotSupportGPU"], gpus)
		}
	}

	empty := call(t, base, signed(form("Action", "DescribeUK8SImage", "Region", "nowhere")))
	if s, ok := empty["ImageSetnew"].([]any); !ok || len(s) != 0 {
		t.Errorf("ImageSetnew for an empty region = %v, want []", empty["ImageSetnew"])
	}
}

func TestSetUK8SImages(t *testing.T) {
	s, base := start(t)
	s.SetUK8SImages([]UK8SImage{{
		ZoneId: 2, ImageId: "uimage-only", ImageName: "only", NotSupportGPU: true,
		Set: SetCustomImage, Region: "cn-bj2", MachineTypes: []string{"O"}, K8sVersions: []string{"1.30.4"},
	}})
	out := uk8sCall(t, base, "Region", "cn-bj2")
	if len(out.ImageSet) != 0 || len(out.CustomImageSet) != 1 || out.CustomImageSet[0].ImageId != "uimage-only" {
		t.Errorf("after SetUK8SImages: %+v", out)
	}
	if got := s.UK8SImages(); len(got) != 1 || got[0].ImageId != "uimage-only" {
		t.Errorf("UK8SImages() = %+v", got)
	}
}

// TestServer_IgnoreParams answers as if GPUType were not sent, while the
// request log still holds it; no names restores filtering.
func TestServer_IgnoreParams(t *testing.T) {
	s, base := start(t)
	sizes := func() [4]int {
		out := uk8sCall(t, base, "Region", "cn-bj2", "GPUType", "4090")
		return [4]int{len(out.ImageSet), len(out.PHostImageSet), len(out.CustomImageSet), len(out.CustomPHostImageSet)}
	}
	s.IgnoreParams("GPUType")
	if got, want := sizes(), [4]int{7, 3, 2, 2}; got != want {
		t.Errorf("with GPUType ignored, set sizes %v, want the whole region %v", got, want)
	}
	reqs := s.Requests()
	if got := reqs[len(reqs)-1].Params.Get("GPUType"); got != "4090" {
		t.Errorf("the recorded request has GPUType %q, want 4090", got)
	}
	s.IgnoreParams()
	if got, want := sizes(), [4]int{2, 1, 0, 0}; got != want {
		t.Errorf("after IgnoreParams(), set sizes %v, want %v", got, want)
	}
}
