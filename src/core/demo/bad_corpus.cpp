// bad_corpus.cpp - builds the hostile test corpus (see bad_corpus.h). Every planted
// problem is appended together with its expectation, so the manifest cannot drift
// from the files.
#include "core/demo/bad_corpus.h"

#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/image/png_encode.h"
#include "core/base/prng.h"

namespace duck {

namespace {

constexpr const char* kHeader = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";

std::vector<uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

// A recognisable small "lesion": a brown disc on skin tone, different per index.
ImageRGBA painted(int index, int size) {
    ImageRGBA img;
    img.width = img.height = size;
    img.pixels.resize(size_t(size) * size * 4);
    const float r0 = size * (0.18f + 0.03f * float(index % 5));
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float dx = float(x) - size * 0.5f, dy = float(y) - size * 0.5f;
            const bool in = dx * dx + dy * dy < r0 * r0;
            uint8_t* p = &img.pixels[(size_t(y) * size + x) * 4];
            p[0] = uint8_t(in ? 90 + 7 * (index % 9) : 225);
            p[1] = uint8_t(in ? 55 : 180 - (x + y) % 16);
            p[2] = uint8_t(in ? 35 : 160);
            p[3] = 255;
        }
    return img;
}

void put_le16(std::vector<uint8_t>& v, uint32_t x) { v.push_back(uint8_t(x)), v.push_back(uint8_t(x >> 8)); }
void put_le32(std::vector<uint8_t>& v, uint32_t x) { put_le16(v, x & 0xFFFF), put_le16(v, x >> 16); }

// Explicit-VR little-endian element with a 2-byte length (UI, PN, CS...).
void element16(std::vector<uint8_t>& v, uint16_t g, uint16_t e, const char* vr, const std::string& value) {
    put_le16(v, g), put_le16(v, e);
    v.push_back(uint8_t(vr[0])), v.push_back(uint8_t(vr[1]));
    put_le16(v, uint32_t(value.size()));
    v.insert(v.end(), value.begin(), value.end());
}

// Preamble, "DICM", a meta group naming explicit VR little endian + JPEG baseline,
// and a patient id: the start of a plausible ISIC DICOM.
std::vector<uint8_t> dicom_start(const std::string& syntax) {
    std::vector<uint8_t> v(128, 0);
    v.insert(v.end(), {'D', 'I', 'C', 'M'});
    std::vector<uint8_t> meta;
    element16(meta, 0x0002, 0x0010, "UI", syntax);
    element16(v, 0x0002, 0x0000, "UL", "");  // group length, patched below
    v.resize(v.size() - 2);
    put_le16(v, 4);
    put_le32(v, uint32_t(meta.size()));
    v.insert(v.end(), meta.begin(), meta.end());
    element16(v, 0x0010, 0x0020, "LO", "IP_9000004");
    return v;
}

// Pixel data (OB) declaring ~2 GB while 16 bytes follow.
std::vector<uint8_t> dicom_lying_element() {
    std::vector<uint8_t> v = dicom_start(std::string("1.2.840.10008.1.2.1\0", 20));
    put_le16(v, 0x7FE0), put_le16(v, 0x0010);
    v.insert(v.end(), {'O', 'B', 0, 0});
    put_le32(v, 0x7FFFFFF0u);
    v.insert(v.end(), 16, 0xAB);
    return v;
}

// Encapsulated pixel data whose only fragment declares ~4 GB.
std::vector<uint8_t> dicom_lying_fragment() {
    std::vector<uint8_t> v = dicom_start(std::string("1.2.840.10008.1.2.4.50", 22));
    put_le16(v, 0x7FE0), put_le16(v, 0x0010);
    v.insert(v.end(), {'O', 'B', 0, 0});
    put_le32(v, 0xFFFFFFFFu);
    put_le16(v, 0xFFFE), put_le16(v, 0xE000), put_le32(v, 0);            // empty offset table
    put_le16(v, 0xFFFE), put_le16(v, 0xE000), put_le32(v, 0xFFFFFF00u);  // the lie
    v.insert(v.end(), {0xFF, 0xD8, 0xFF, 0xE0, 0, 16});
    v.insert(v.end(), 14, 0);
    return v;
}

// A JPEG header declaring 60000 x 60000 pixels (3.6 gigapixels) and nothing else.
std::vector<uint8_t> jpeg_huge_header() {
    return {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0, 17, 8, 0xEA, 0x60, 0xEA, 0x60, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
            0xFF, 0xD9};
}

struct Csv {
    std::string text = kHeader;
    size_t line = 1;
    size_t add(const std::string& row) {
        text += row;
        text += '\n';
        return ++line;
    }
};

std::string where(size_t line) { return "train.csv:" + std::to_string(line); }

void build_mixed(BadCorpus& c, const BadCorpusOptions& o, const JpegEncoder& encode) {
    Csv csv;
    auto file = [&](const std::string& path, std::vector<uint8_t> b) { c.files.push_back({"mixed/" + path, std::move(b)}); };
    auto csv_problem = [&](const std::string& kind, size_t line, const std::string& has) {
        c.expect.push_back({"mixed", kind, where(line), "", has});
    };
    auto image_problem = [&](const std::string& name, const std::string& status, const std::string& has) {
        c.expect.push_back({"mixed", "", name, status, has});
    };
    char name[32];
    // Three healthy patients, four lesions each, plus one healthy lesion of patient 4.
    std::vector<uint8_t> first_jpeg;
    for (int i = 1; i <= 13; ++i) {
        std::snprintf(name, sizeof name, "ISIC_90000%02d", i);
        const int patient = i <= 12 ? (i - 1) / 4 + 1 : 4;
        csv.add(std::string(name) + ",IP_900000" + std::to_string(patient) + (i % 2 ? ",female," : ",male,") +
                std::to_string(30 + 5 * patient) + ".0,torso,nevus,benign,0");
        auto jpg = encode(painted(i, 96 + 8 * i));
        if (first_jpeg.empty()) first_jpeg = jpg;
        file("train/" + std::string(name) + ".jpg", std::move(jpg));
        c.valid_images.push_back(name);
    }
    // Patient 4's broken images: every file-level failure next to one good lesion.
    struct Broken {
        const char* name;
        const char* file;  // "" = no file at all
        std::vector<uint8_t> bytes;
        const char* status;
        const char* has;
    };
    SplitMix64 rng(o.seed);
    std::vector<uint8_t> noise(4096);
    for (auto& b : noise) b = uint8_t(rng.next());
    const std::vector<uint8_t> truncated(first_jpeg.begin(), first_jpeg.begin() + first_jpeg.size() * 6 / 10);
    const std::vector<Broken> broken = {
        {"ISIC_9100001", "train/ISIC_9100001.jpg", truncated, "corrupt", "truncated"},
        {"ISIC_9100002", "train/ISIC_9100002.jpg", {}, "corrupt", "empty"},
        {"ISIC_9100003", "train/ISIC_9100003.jpg", encode_png(painted(3, 64)), "corrupt", "PNG"},
        {"ISIC_9100004", "train/ISIC_9100004.jpg", jpeg_huge_header(), "too_large", "60000x60000"},
        {"ISIC_9100005", "train/ISIC_9100005.dcm", noise, "corrupt", "not a"},
        {"ISIC_9100006", "train/ISIC_9100006.dcm", dicom_lying_element(), "corrupt", "declares"},
        {"ISIC_9100007", "", {}, "missing", ""},
        {"ISIC_9100008", "train/ISIC_9100008.dcm", dicom_lying_fragment(), "corrupt", "declares"},
    };
    for (const auto& b : broken) {
        csv.add(std::string(b.name) + ",IP_9000004,male,60.0,head/neck,unknown,benign,0");
        if (*b.file) file(b.file, b.bytes);
        image_problem(b.name, b.status, b.has);
    }
    // Malformed rows (patient 5): each must be reported with its line and kind.
    csv_problem("csv_columns", csv.add("ISIC_9200001,IP_9000005,female,45.0,torso"), "");
    csv_problem("csv_columns", csv.add("ISIC_9200002,IP_9000005,female,45.0,torso,nevus,benign,0,surplus"), "");
    csv_problem("bad_age", csv.add("ISIC_9200003,IP_9000005,male,forty,torso,nevus,benign,0"), "forty");
    csv_problem("bad_target", csv.add("ISIC_9200004,IP_9000005,male,50.0,torso,nevus,benign,yes"), "yes");
    csv_problem("bad_sex", csv.add("ISIC_9200005,IP_9000005,robot,50.0,torso,nevus,benign,0"), "robot");
    csv_problem("bad_site", csv.add("ISIC_9200006,IP_9000005,male,50.0,moon,nevus,benign,0"), "moon");
    csv_problem("missing_image_name", csv.add(",IP_9000005,male,50.0,torso,nevus,benign,0"), "");
    csv_problem("duplicate_image", csv.add("ISIC_9000001,IP_9000006,male,50.0,torso,nevus,benign,0"), "ISIC_9000001");
    csv_problem("csv_quote", csv.add("ISIC_9200007,IP_9000005,male,50.0,torso,nev\"us,benign,0"), "");
    // Non-UTF-8 bytes in a value (Latin-1 'e acute'): must load without breaking JSON.
    csv.add("ISIC_9200008,IP_9000005,male,50.0,torso,n\xe9vus,benign,0");
    file("train.csv", bytes_of(csv.text));
    // Noise a real folder has: a duplicate of a valid image elsewhere (other case),
    // a macOS resource fork, a non-UTF-8 file name, a stray text file.
    file("copy/ISIC_9000002.JPG", c.files[1].bytes);
    file("train/._ISIC_9000003.jpg", {0, 5, 22, 7});
    file("train/ISIC_9300001_caf\xe9.jpg", c.files[2].bytes);
    file("notes.txt", bytes_of("not data\n"));
    c.expect.push_back({"mixed", "image_duplicate_file", "", "", "copy/ISIC_9000002.JPG", true});
    c.expect.push_back({"mixed", "image_unlisted", "", "", "ISIC_9300001_caf", true});
}

void build_million(BadCorpus& c, const BadCorpusOptions& o) {
    std::string text = kHeader;
    text.reserve(o.big_rows * 76 + 128);
    const size_t step = o.big_rows >= 10 ? o.big_rows / 10 : 1;
    static const char* kSites[] = {"torso", "lower extremity", "upper extremity", "head/neck", "palms/soles", "oral/genital", ""};
    char row[160];
    size_t bad = 0;
    for (size_t i = 0; i < o.big_rows; ++i) {
        const size_t line = i + 2;
        const unsigned img = unsigned(1000000 + i), pat = unsigned(5000000 + i / 16);
        const char* age = "55.0";
        const char* target = i % 97 == 0 ? "1" : "0";
        const char* tail = "";
        int kind = (i > 0 && i % step == 0) ? int((i / step) % 3) : -1;
        if (kind == 0) tail = ",surplus", c.expect.push_back({"million", "csv_columns", where(line), "", ""});
        if (kind == 1) age = "fifty", c.expect.push_back({"million", "bad_age", where(line), "", "fifty"});
        if (kind == 2) target = "maybe", c.expect.push_back({"million", "bad_target", where(line), "", "maybe"});
        if (kind >= 0) ++bad;
        std::snprintf(row, sizeof row, "ISIC_%07u,IP_%07u,%s,%s,%s,%s,%s,%s%s\n", img, pat, i % 2 ? "male" : "female", age,
                      kSites[i % 7], target[0] == '1' ? "melanoma" : "nevus", target[0] == '1' ? "malignant" : "benign",
                      target, tail);
        text += row;
    }
    c.files.push_back({"million/train.csv", bytes_of(text)});
    c.big_rows = o.big_rows;
    c.big_valid_rows = o.big_rows - bad;
}

}  // namespace

BadCorpus make_bad_corpus(const BadCorpusOptions& options, const JpegEncoder& encode) {
    BadCorpus c;
    build_mixed(c, options, encode);
    build_million(c, options);
    return c;
}

std::string bad_corpus_manifest(const BadCorpus& c) {
    using nlohmann::json;
    json j = {{"mixed", {{"csv", "train.csv"}, {"valid_images", c.valid_images}, {"problems", json::array()}}},
              {"million", {{"csv", "train.csv"}, {"rows", c.big_rows}, {"valid_rows", c.big_valid_rows}, {"problems", json::array()}}}};
    for (const auto& e : c.expect) {
        json p = {{"where", e.where}, {"message_has", e.message_has}};
        if (!e.kind.empty()) p["kind"] = e.kind;
        if (!e.status.empty()) p["status"] = e.status;
        if (e.listing) p["listing"] = true;
        j[e.folder]["problems"].push_back(std::move(p));
    }
    return j.dump(2);
}

}  // namespace duck
