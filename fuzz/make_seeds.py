#!/usr/bin/env python3
"""make_seeds.py - seed corpora for the fuzz targets, cut from the real ISIC files
in ../shared/data at run time (they are never copied into the repository).

usage: make_seeds.py SHARED_DATA_DIR OUT_DIR
Writes OUT_DIR/<target>/<name> for csv, dataset_load, predictions, jpeg, dicom,
view_state, file_match and index. Seeds are kept small (libFuzzer mutates small inputs much faster):
CSV heads of 30 rows, JPEGs up to 32 KB, DICOMs shrunk to their real header plus
a small real JPEG as the single encapsulated fragment.
"""
import os
import struct
import sys
import zlib

MAX_JPEG = 32 * 1024


def write(out, target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def files_under(root, exts):
    for dirpath, _, names in os.walk(root):
        for n in sorted(names):
            if n.lower().endswith(exts):
                yield os.path.join(dirpath, n)


def csv_seeds(shared, out):
    heads = {}
    for i, path in enumerate(sorted(files_under(shared, (".csv",)))):
        with open(path, "rb") as f:
            lines = f.read().splitlines(keepends=True)
        head = b"".join(lines[:30])
        # A slice from the middle, behind the same header, reaches other value mixes.
        mid = lines[:1] + lines[len(lines) // 2: len(lines) // 2 + 20]
        tag = "%02d_%s" % (i, os.path.basename(path))
        heads[tag] = head
        # Every CSV of an opened folder is also read as possible predictions.
        for target in ("csv", "dataset_load", "predictions"):
            write(out, target, tag + ".head", head)
            write(out, target, tag + ".mid", b"".join(mid))
    # dataset_load merges two files separated by "\n\x1e\n": pair every head with the next.
    tags = sorted(heads)
    for a, b in zip(tags, tags[1:] + tags[:1]):
        write(out, "dataset_load", "pair_%s__%s" % (a[:2], b[:2]), heads[a] + b"\n\x1e\n" + heads[b])


def jpeg_size(data):
    """(width, height) from the first SOF of a JPEG, or None."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        m = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[pos + 5:pos + 9])
            return w, h
        pos += 2 + length
    return None


def jpeg_seeds(shared, out):
    small = []
    for path in files_under(shared, (".jpg", ".jpeg")):
        size = os.path.getsize(path)
        if size <= MAX_JPEG:
            with open(path, "rb") as f:
                data = f.read()
            write(out, "jpeg", os.path.basename(path), data)
            write(out, "dicom", "raw_" + os.path.basename(path), data)  # the dispatch also takes JPEGs
            small.append(data)
    return sorted(small, key=len)


def patch_us(header, group, elem, value):
    """Sets an explicit-VR US element (e.g. Rows) in a header, when present."""
    tag = struct.pack("<HH", group, elem) + b"US" + struct.pack("<H", 2)
    i = header.find(tag)
    if i < 0:
        return header
    return header[:i + 8] + struct.pack("<H", value) + header[i + 10:]


def dicom_seeds(shared, out, small_jpegs):
    for path in files_under(shared, (".dcm",)):
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.basename(path)
        pix = data.find(b"\xe0\x7f\x10\x00")  # (7FE0,0010) Pixel Data
        write(out, "dicom", name + ".head4k", data[:4096])
        if pix < 0 or not small_jpegs:
            continue
        for k, jpg in enumerate(small_jpegs[:3]):
            header = data[:pix]
            size = jpeg_size(jpg)
            if size:
                header = patch_us(header, 0x0028, 0x0010, size[1])  # Rows
                header = patch_us(header, 0x0028, 0x0011, size[0])  # Columns
            frag = jpg + (b"\0" if len(jpg) % 2 else b"")
            body = (b"\xe0\x7f\x10\x00OB\0\0\xff\xff\xff\xff"          # OB, undefined length
                    + b"\xfe\xff\x00\xe0" + struct.pack("<I", 0)      # empty basic offset table
                    + b"\xfe\xff\x00\xe0" + struct.pack("<I", len(frag)) + frag
                    + b"\xfe\xff\xdd\xe0" + struct.pack("<I", 0))     # sequence delimiter
            write(out, "dicom", "%s.small%d" % (name, k), header + body)


def link_seeds(shared, out):
    ids = []
    train = os.path.join(shared, "isic2020", "train.csv")
    if os.path.exists(train):
        with open(train, "rb") as f:
            rows = [l.split(b",") for l in f.read().splitlines()[1:6]]
        ids = [(r[1], r[0]) for r in rows if len(r) > 2]
    for i, (patient, image) in enumerate(ids):
        write(out, "view_state", "real%d" % i,
              b"?data=https://example.org/isic/\n#patient=" + patient + b"&lesion=" + image + b"&mode=viewer")
        write(out, "view_state", "real%d_quiz" % i,
              b"?data=isic/\n#quiz=" + b",".join(p for p, _ in ids) + b"&case=2&labels=hidden")


def path_seeds(shared, out):
    for i, path in enumerate(sorted(files_under(shared, ("",)))):
        rel = os.path.relpath(path, shared).encode()
        write(out, "file_match", "path%03d" % i, rel)


def index_file(names, patients, keys, shard, count, statuses):
    """A lesion index file (docs/index-format.md, version 1) with made-up features."""
    def s(b):
        return struct.pack("<I", len(b)) + b
    rows = list(range(shard, len(names), count))
    body = s(b"dermoscopic-v2") + struct.pack("<I", len(keys)) + b"".join(s(k) for k in keys)
    body += struct.pack("<IQ", len(names), 0x1234_5678_9ABC_DEF0)
    body += b"".join(s(n) + s(p) for n, p in zip(names, patients))
    body += struct.pack("<III", shard, count, len(rows))
    body += b"".join(struct.pack("<I", r) for r in rows)
    body += bytes(statuses[r % len(statuses)] for r in rows)
    body += b"".join(s(b"" if statuses[r % len(statuses)] == 0 else b"corrupt: not a JPEG") for r in rows)
    body += b"".join(struct.pack("<f", r + k / 4) for r in rows for k in range(len(keys)))
    head = b"DUCKLIDX" + struct.pack("<IQ", 1, 8 + 4 + 8 + len(body) + 4)
    data = head + body
    return data + struct.pack("<I", zlib.crc32(data) & 0xFFFFFFFF)


def index_seeds(shared, out):
    names, patients = [], []
    csv = os.path.join(shared, "isic2020", "images.csv")
    if os.path.exists(csv):
        with open(csv, "rb") as f:
            for line in f.read().splitlines()[1:6]:
                cols = line.split(b",")
                names.append(cols[0])
                patients.append(cols[1])
    if not names:
        return
    keys = [b"lightness", b"redness"]
    write(out, "index", "whole", index_file(names, patients, keys, 0, 1, [0, 3, 1, 2, 4]))
    write(out, "index", "shard1of2", index_file(names, patients, keys, 1, 2, [0, 1]))
    write(out, "index", "empty", index_file([], [], keys, 0, 1, [0]))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_seeds.py SHARED_DATA_DIR OUT_DIR")
    shared, out = sys.argv[1], sys.argv[2]
    if not os.path.isdir(shared):
        sys.exit("make_seeds.py: no shared data at %s" % shared)
    csv_seeds(shared, out)
    small = jpeg_seeds(shared, out)
    dicom_seeds(shared, out, small)
    link_seeds(shared, out)
    path_seeds(shared, out)
    index_seeds(shared, out)


if __name__ == "__main__":
    main()
