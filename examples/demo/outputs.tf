output "gpu_node_image_id" {
  description = "First UK8S node image usable on 4090 GPU nodes, or null when there is none."
  value       = try(data.ucloud_uk8s_images.gpu_nodes.images[0].image_id, null)
}

output "bare_metal_image" {
  description = "ID and name of the newest CentOS base image for Storage-HDD-2 bare-metal servers."
  value = {
    id   = one(data.ucloud_phost_images.storage.images[*].image_id)
    name = one(data.ucloud_phost_images.storage.images[*].image_name)
  }
}

output "bare_metal_images_listed" {
  description = "Number of bare-metal images in the zone."
  value       = data.ucloud_phost_images.all.total_count
}
