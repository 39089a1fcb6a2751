"""HI: changes between two exports (an identity-vigilance event, a "transgression")."""
