"""The transports: how an `HttpRequest` reaches the network."""
