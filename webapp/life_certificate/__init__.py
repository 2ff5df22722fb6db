"""The life certificate for pensioners abroad (/certificat-de-viata), with its calendar file."""
