"""Private files in an S3-compatible store; a module of its own so that boto3 is loaded
only where a bucket is configured."""

from storages.backends.s3 import S3Storage

from .storage import NoPublicURL


class PrivateS3Storage(NoPublicURL, S3Storage):
    """Private files in an S3-compatible bucket, under their own prefix, with no public ACL:
    views stream them through Django after checking who asks, so no URL to the object ever
    leaves the server."""

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False
