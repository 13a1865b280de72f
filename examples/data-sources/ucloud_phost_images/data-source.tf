# The newest CentOS base image that supports a bare-metal machine type.
# Images still being made are skipped (states defaults to Available), and
# require_match fails the plan, naming the filter that emptied the list,
# when no image is left.
data "ucloud_phost_images" "storage" {
  zone          = "cn-bj2-02"
  image_type    = "Base"
  machine_type  = "Storage-HDD-2"
  os_type       = "CentOS"
  most_recent   = true
  require_match = true
}

output "storage_image" {
  value = {
    id         = data.ucloud_phost_images.storage.ids[0]
    created_at = data.ucloud_phost_images.storage.images[0].created_at
  }
}

# Every custom image whose name starts with "web-", highest version first.
data "ucloud_phost_images" "web" {
  image_type = "Custom"
  name_regex = "^web-"
  sort_by    = "version"
}

output "web_image_ids" {
  value = data.ucloud_phost_images.web.ids
}

# Custom images that are still being made, oldest first, to watch an image
# build.
data "ucloud_phost_images" "building" {
  image_type     = "Custom"
  states         = ["Making"]
  sort_by        = "create_time"
  sort_ascending = true
}

output "images_being_made" {
  value = data.ucloud_phost_images.building.images[*].image_name
}
