"""The Discord adapter: client, tree, embeds and views. The only package (with cogs/) that imports discord."""
