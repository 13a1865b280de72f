# Read keys, region, zone and project from a UCloud CLI profile
# (~/.ucloud/config.json and ~/.ucloud/credential.json).
provider "ucloud" {
  profile = "production"
}
