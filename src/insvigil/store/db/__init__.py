"""Engine, settings, bulk writes, checkpoints, the values codec and the types the store shares
(the lowest layer).
"""
