"""Signing PDFs as Nghị định 30/2020 prescribes (PAdES with pyHanko): see README.md."""
