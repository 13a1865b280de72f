# Picks node images for a UK8S cluster with RTX 4090 GPU nodes and a base image
# for HDD storage bare-metal servers. The provider is configured entirely by
# the UCLOUD_* environment variables (see scripts/demo.sh).

terraform {
  required_providers {
    ucloud = {
      source = "ucloud-community/ucloud"
    }
  }
}

provider "ucloud" {}

# Ubuntu node images that UK8S accepts for GPU ("G") machines with 4090 cards.
data "ucloud_uk8s_images" "gpu_nodes" {
  machine_type  = "G"
  gpu_type      = "4090"
  gpu_supported = true
  os_type       = "Ubuntu"
}

# The newest CentOS base image for the Storage-HDD-2 bare-metal machine type.
data "ucloud_phost_images" "storage" {
  image_type   = "Base"
  machine_type = "Storage-HDD-2"
  os_type      = "CentOS"
  most_recent  = true
}

# Every bare-metal image in the zone, unfiltered.
data "ucloud_phost_images" "all" {}
