# The newest CentOS base image that supports a bare-metal machine type.
data "ucloud_phost_images" "storage" {
  zone         = "cn-bj2-02"
  image_type   = "Base"
  machine_type = "Storage-HDD-2"
  os_type      = "CentOS"
  most_recent  = true

  lifecycle {
    postcondition {
      condition     = self.total_count == 1
      error_message = "No CentOS base image supports machine type Storage-HDD-2 in this zone."
    }
  }
}

output "storage_image_id" {
  value = data.ucloud_phost_images.storage.ids[0]
}

# Every custom image whose name starts with "web-".
data "ucloud_phost_images" "web" {
  image_type = "Custom"
  name_regex = "^web-"
}

output "web_image_ids" {
  value = data.ucloud_phost_images.web.ids
}
