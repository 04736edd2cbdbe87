"""The CLI's subcommands, one module each (``add_parser`` and ``run``)."""
