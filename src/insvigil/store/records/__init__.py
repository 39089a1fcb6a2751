"""Records, results and INSi responses: saving chunks and rows, existing keys, reading, runs."""
