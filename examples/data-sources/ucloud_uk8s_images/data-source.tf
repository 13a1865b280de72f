# GPU-capable Ubuntu node images for a UK8S node pool of 4090 GPU machines.
# gpu_type is sent to the API and also checked by the provider against each
# image's supported_gpu_types; require_match fails the plan when no image is
# left in any of the four lists.
data "ucloud_uk8s_images" "gpu_nodes" {
  zone          = "cn-bj2-02"
  product_type  = "uhost"
  machine_type  = "G"
  gpu_type      = "4090"
  k8s_version   = "1.28.15"
  os_type       = "Ubuntu"
  gpu_supported = true
  sort_by       = "name"
  require_match = true
}

# With sort_by = "name", the first image has the highest name in natural
# order, e.g. "Ubuntu 22.04" before "Ubuntu 20.04". require_match checks the
# four lists together; add a postcondition when images itself must not be
# empty.
output "gpu_node_image_id" {
  value = data.ucloud_uk8s_images.gpu_nodes.images[0].image_id
}

output "gpu_node_software" {
  value = data.ucloud_uk8s_images.gpu_nodes.images[0].integrated_software
}

# Node images of every zone in the region, even when the provider sets a
# zone: zone = "" sends no zone to the API.
data "ucloud_uk8s_images" "region_wide" {
  zone        = ""
  k8s_version = "1.28.15"
}

output "node_images_by_zone" {
  value = {
    for image in data.ucloud_uk8s_images.region_wide.images : tostring(image.zone_id) => image.image_id...
  }
}
