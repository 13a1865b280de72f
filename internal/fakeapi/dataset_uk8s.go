package fakeapi

// Kubernetes versions UK8S offers in the default data set.
var (
	k8sAll    = []string{"1.26.7", "1.28.15", "1.30.4"}
	k8sOld    = []string{"1.26.7", "1.28.15"}
	k8sNew    = []string{"1.28.15", "1.30.4"}
	k8sOnly26 = []string{"1.26.7"}
	k8sOnly28 = []string{"1.28.15"}
	k8sOnly30 = []string{"1.30.4"}
)

// Driver stacks shipped in GPU images.
const (
	cuda122 = "NVIDIA driver 535.129.03, CUDA 12.2"
	cuda114 = "NVIDIA driver 470.182.03, CUDA 11.4"
	cuda124 = "NVIDIA driver 550.54.15, CUDA 12.4"
)

// uk8sImage fills an image of the default data set; gpus == nil means the
// image does not support GPU machines.
func uk8sImage(set, region, zone, id, name, osType, osName string, size int, gpus []string, software string,
	features, machines, versions []string,
) UK8SImage {
	return UK8SImage{
		ZoneId:             zoneIDs[zone],
		ImageId:            id,
		ImageName:          name,
		NotSupportGPU:      len(gpus) == 0,
		OsType:             osType,
		OsName:             osName,
		Features:           features,
		ImageSize:          size,
		IntegratedSoftware: software,
		SupportedGPUTypes:  gpus,
		Set:                set,
		Region:             region,
		MachineTypes:       machines,
		K8sVersions:        versions,
	}
}

// defaultUK8SImages is the UK8S data set of New: 14 images in cn-bj2, 8 in
// cn-sh2 and 2 in hk.
func defaultUK8SImages() []UK8SImage {
	s := func(v ...string) []string { return v }
	netHot, net, hot := s("NetEnhanced", "HotPlug"), s("NetEnhanced"), s("HotPlug")
	return []UK8SImage{
		// cn-bj2, VM images.
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-02", "uimage-kq3xw2hd", "Ubuntu 22.04 UK8S GPU", "Ubuntu", "Ubuntu 22.04 64位", 40,
			s("T4", "V100S", "A800", "4090"), cuda122, netHot, s("O", "OPRO", "G"), k8sAll),
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-02", "uimage-c79mnt4a", "CentOS 7.9 UK8S", "CentOS", "CentOS 7.9 64位", 20,
			nil, "containerd 1.6.28", hot, s("N", "C", "O"), k8sOld),
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-02", "uimage-r92bq7zp", "Rocky Linux 9.2 UK8S", "Rocky", "Rocky Linux 9.2 64位", 20,
			nil, "containerd 1.7.13", netHot, s("O", "OPRO", "OMAX"), k8sNew),
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-03", "uimage-u20gk5sd", "Ubuntu 20.04 UK8S GPU", "Ubuntu", "Ubuntu 20.04 64位", 40,
			s("T4", "V100S"), cuda114, net, s("G", "O"), k8sOld),
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-03", "uimage-u22nm3xe", "Ubuntu 22.04 UK8S", "Ubuntu", "Ubuntu 22.04 64位", 20,
			nil, "containerd 1.7.13", netHot, s("O", "OPRO"), k8sAll),
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-05", "uimage-r86lw0qc", "Rocky Linux 8.6 UK8S", "Rocky", "Rocky Linux 8.6 64位", 20,
			nil, "", hot, s("O", "OS"), k8sOld),
		uk8sImage(SetImage, "cn-bj2", "cn-bj2-05", "uimage-u22ga8hy", "Ubuntu 22.04 UK8S GPU (CUDA 12.4)", "Ubuntu", "Ubuntu 22.04 64位", 40,
			s("A800", "4090"), cuda124, netHot, s("G", "OPRO"), k8sNew),
		// cn-bj2, bare-metal images.
		uk8sImage(SetPHostImage, "cn-bj2", "cn-bj2-02", "pimg-uk22g7rt", "Ubuntu 22.04 UK8S BareMetal GPU", "Ubuntu", "Ubuntu 22.04 64位", 60,
			s("A800", "4090"), cuda122, net, s("O", "G"), k8sNew),
		uk8sImage(SetPHostImage, "cn-bj2", "cn-bj2-02", "pimg-uk79b2mf", "CentOS 7.9 UK8S BareMetal", "CentOS", "CentOS 7.9 64位", 40,
			nil, "containerd 1.6.28", net, s("O"), k8sOld),
		uk8sImage(SetPHostImage, "cn-bj2", "cn-bj2-03", "pimg-uk92r4wn", "Rocky Linux 9.2 UK8S BareMetal", "Rocky", "Rocky Linux 9.2 64位", 40,
			nil, "containerd 1.7.13", netHot, s("O"), k8sNew),
		// cn-bj2, custom images.
		uk8sImage(SetCustomImage, "cn-bj2", "cn-bj2-02", "uimage-mltr01gx", "ml-train-gpu-node", "Ubuntu", "Ubuntu 22.04 64位", 80,
			s("T4", "A800"), cuda122+", PyTorch 2.1.2", netHot, s("G"), k8sOnly28),
		uk8sImage(SetCustomImage, "cn-bj2", "cn-bj2-03", "uimage-webc79n2", "web-node-centos79", "CentOS", "CentOS 7.9 64位", 30,
			nil, "containerd 1.6.28, nginx 1.24", hot, s("O", "N"), k8sOnly26),
		uk8sImage(SetCustomPHostImage, "cn-bj2", "cn-bj2-02", "pimg-bminfr01", "bm-gpu-inference", "Ubuntu", "Ubuntu 22.04 64位", 100,
			s("A800"), cuda122+", TensorRT 8.6", net, s("G"), k8sNew),
		uk8sImage(SetCustomPHostImage, "cn-bj2", "cn-bj2-05", "pimg-bmstor02", "bm-storage-node", "Rocky", "Rocky Linux 9.2 64位", 60,
			nil, "", nil, s("O"), k8sOnly30),

		// cn-sh2.
		uk8sImage(SetImage, "cn-sh2", "cn-sh2-01", "uimage-sh22g9dk", "Ubuntu 22.04 UK8S GPU", "Ubuntu", "Ubuntu 22.04 64位", 40,
			s("T4", "V100S"), cuda122, netHot, s("O", "OPRO", "G"), k8sAll),
		uk8sImage(SetImage, "cn-sh2", "cn-sh2-01", "uimage-sh79c3pa", "CentOS 7.9 UK8S", "CentOS", "CentOS 7.9 64位", 20,
			nil, "containerd 1.6.28", hot, s("N", "O"), k8sOld),
		uk8sImage(SetImage, "cn-sh2", "cn-sh2-02", "uimage-sh92r6ve", "Rocky Linux 9.2 UK8S", "Rocky", "Rocky Linux 9.2 64位", 20,
			nil, "containerd 1.7.13", netHot, s("O", "OPRO"), k8sNew),
		uk8sImage(SetImage, "cn-sh2", "cn-sh2-02", "uimage-sh20g1tb", "Ubuntu 20.04 UK8S GPU", "Ubuntu", "Ubuntu 20.04 64位", 40,
			s("1080Ti", "V100"), cuda114, net, s("G"), k8sOnly26),
		uk8sImage(SetPHostImage, "cn-sh2", "cn-sh2-01", "pimg-sh22g4qz", "Ubuntu 22.04 UK8S BareMetal GPU", "Ubuntu", "Ubuntu 22.04 64位", 60,
			s("A800"), cuda122, net, s("O", "G"), k8sNew),
		uk8sImage(SetPHostImage, "cn-sh2", "cn-sh2-02", "pimg-sh79b8kc", "CentOS 7.9 UK8S BareMetal", "CentOS", "CentOS 7.9 64位", 40,
			nil, "containerd 1.6.28", net, s("O"), k8sOld),
		uk8sImage(SetCustomImage, "cn-sh2", "cn-sh2-01", "uimage-shapi01x", "api-node-rocky92", "Rocky", "Rocky Linux 9.2 64位", 30,
			nil, "containerd 1.7.13", hot, s("O", "OPRO"), k8sNew),
		uk8sImage(SetCustomPHostImage, "cn-sh2", "cn-sh2-02", "pimg-shbmdb01", "bm-db-node", "CentOS", "CentOS 7.9 64位", 60,
			nil, "containerd 1.6.28, MySQL 8.0", nil, s("O"), k8sOld),

		// hk.
		uk8sImage(SetImage, "hk", "hk-02", "uimage-hk22n5fs", "Ubuntu 22.04 UK8S", "Ubuntu", "Ubuntu 22.04 64位", 20,
			nil, "containerd 1.7.13", netHot, s("O", "OPRO"), k8sAll),
		uk8sImage(SetImage, "hk", "hk-02", "uimage-hk79c2wd", "CentOS 7.9 UK8S", "CentOS", "CentOS 7.9 64位", 20,
			nil, "containerd 1.6.28", hot, s("N", "O"), k8sOld),
	}
}
