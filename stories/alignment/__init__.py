"""Text alignment for many versions of one story. Plain Python: no Django here."""
