"""The digital human: a MakeHuman (CC0) body, skinned and dressed, rendered in procedural rooms."""
