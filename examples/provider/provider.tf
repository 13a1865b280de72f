# Credentials are best kept out of HCL: set UCLOUD_PUBLIC_KEY and
# UCLOUD_PRIVATE_KEY in the environment, or use a UCloud CLI profile.
provider "ucloud" {
  region = "cn-bj2"
  zone   = "cn-bj2-02"

  # Optional tuning; these are the defaults.
  max_retries     = 3
  retry_timeout   = "2m"
  request_timeout = "60s"
}
