"""The command-line interface: parse, call a service, present. No clinical logic here."""
