from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files only permission-checked views may serve: they have no public URL at all."""

    def url(self, name):
        raise ValueError(
            "Private files have no URL; serve them through a view that checks who asks."
        )
