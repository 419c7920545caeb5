"""Page and API views: each parses the request, makes one call into the services or `jixiao.api`, renders."""
