"""The documents of a class as an office signs and files them: the Party frame shared by every
document (party.py), the class file lists (classfile.py) and the ZIP of the whole file (archive.py)."""
