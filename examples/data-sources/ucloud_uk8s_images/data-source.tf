# A GPU-capable Ubuntu node image for a UK8S node pool of 4090 GPU machines.
data "ucloud_uk8s_images" "gpu_nodes" {
  zone          = "cn-bj2-02"
  product_type  = "uhost"
  machine_type  = "G"
  gpu_type      = "4090"
  k8s_version   = "1.28.15"
  os_type       = "Ubuntu"
  gpu_supported = true

  lifecycle {
    postcondition {
      condition     = length(self.images) > 0
      error_message = "No GPU-capable Ubuntu node image supports 4090 GPUs with Kubernetes 1.28.15 here."
    }
  }
}

output "gpu_node_image_id" {
  value = data.ucloud_uk8s_images.gpu_nodes.images[0].image_id
}

output "gpu_node_software" {
  value = data.ucloud_uk8s_images.gpu_nodes.images[0].integrated_software
}
