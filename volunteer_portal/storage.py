from django.core.files.storage import FileSystemStorage


class NoPublicURL:
    """Files only permission-checked views may serve: they have no public URL at all."""

    def url(self, name, *args, **kwargs):
        raise ValueError(
            "Private files have no URL; serve them through a view that checks who asks."
        )


class PrivateFileSystemStorage(NoPublicURL, FileSystemStorage):
    """Private files on the local disk (the default)."""
