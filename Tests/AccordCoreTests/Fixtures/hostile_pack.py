"""Writes a hostile rule pack archive for PackArchiveTests: python3 hostile_pack.py KIND OUT.tar.gz

Every archive holds a manifest and a pack folder `team` as `accord rules pack` writes them,
then what KIND adds or changes to try to escape the folder it is unpacked into, or to lie.
"""
import io
import sys
import tarfile

kind, out = sys.argv[1], sys.argv[2]
init = 'return accord.rules.pack { name = "team", version = "1.0.0" }\n'
manifest = 'name: team\nversion: "1.0.0"\ndigest: "sha256:%s"\n' % ("0" * 64)
if kind == "lying-name":
    manifest = manifest.replace("name: team", "name: other")
if kind == "lying-version":
    manifest = manifest.replace('"1.0.0"', '"2.0.0"')
if kind == "malformed-manifest":
    manifest = "name: team\nversoin: 1.0.0\n"


def entry(tar, name, kind=tarfile.REGTYPE, data=b"", link=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


with tarfile.open(out, "w:gz", format=tarfile.GNU_FORMAT) as tar:
    if kind != "no-manifest":
        entry(tar, "accord-pack.yaml", data=manifest.encode())
    entry(tar, "team", tarfile.DIRTYPE)
    entry(tar, "team/init.lua", data=init.encode())
    if kind == "dotdot":
        entry(tar, "team/../../evil.txt", data=b"escaped")
    elif kind == "absolute":
        entry(tar, "/tmp/accord-hostile-absolute.txt", data=b"escaped")
    elif kind == "symlink":
        entry(tar, "team/etc", tarfile.SYMTYPE, link="/etc")
        entry(tar, "team/etc/accord-hostile.txt", data=b"escaped")
    elif kind == "hardlink":
        entry(tar, "team/passwd", tarfile.LNKTYPE, link="/etc/passwd")
    elif kind == "device":
        entry(tar, "team/null", tarfile.CHRTYPE)
    elif kind == "fifo":
        entry(tar, "team/pipe", tarfile.FIFOTYPE)
    elif kind == "outside":
        entry(tar, "other/init.lua", data=b"return {}\n")
