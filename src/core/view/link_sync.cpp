// link_sync.cpp - link resolution against the dataset, viewer zoom/pan conversion
// and the push/replace history policy (see link_sync.h).
#include "core/view/link_sync.h"

#include <algorithm>
#include <cmath>

namespace duck {

namespace {

float round_sig(float v, int digits) {
    if (v == 0.0f || !std::isfinite(v)) return v;
    const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    return static_cast<float>(std::round(v * scale) / scale);
}

float round_step(float v, double step) { return static_cast<float>(std::round(v / step) * step); }

}  // namespace

ResolvedLink resolve_link(const ViewState& s, const Dataset& ds) {
    ResolvedLink r;
    if (!s.lesion.empty()) {
        r.lesion = ds.find_lesion(s.lesion);
        if (r.lesion == kNone) r.messages.push_back("Lesion " + s.lesion + " from the link is not in this dataset.");
    }
    if (!s.patient.empty()) {
        r.patient = ds.find_patient(s.patient);
        if (r.patient == kNone) {
            r.messages.push_back("Patient " + s.patient + " from the link is not in this dataset; showing the patient list.");
            r.fallback_to_list = true;
            r.lesion = kNone;
            return r;
        }
        if (r.lesion != kNone && ds.lesions[r.lesion].patient != r.patient) {
            r.messages.push_back("Lesion " + s.lesion + " belongs to another patient than " + s.patient +
                                 "; showing " + s.patient + ".");
            r.lesion = kNone;
        }
    } else if (r.lesion != kNone) {
        r.patient = ds.lesions[r.lesion].patient;  // #lesion=ISIC_... alone opens its patient
    }
    if (!s.lesion.empty() && r.lesion == kNone && r.patient == kNone) {
        r.messages.back() += " Showing the patient list.";
        r.fallback_to_list = true;
    }
    if (!s.compare_lesion.empty()) {
        r.compare = ds.find_lesion(s.compare_lesion);
        if (r.compare == kNone)
            r.messages.push_back("Compare lesion " + s.compare_lesion + " from the link is not in this dataset.");
    }
    return r;
}

ImageView image_view_from_link(const ViewState& s, float img_w, float img_h, float view_w, float view_h) {
    ImageView v;
    view_fit(v, img_w, img_h, view_w, view_h);
    if (s.zoom <= 0.0f) return v;
    v.zoom = s.zoom * fit_zoom(img_w, img_h, view_w, view_h);
    v.cx = s.pan_x * img_w;
    v.cy = s.pan_y * img_h;
    v.fit = false;
    view_clamp(v, img_w, img_h, view_w, view_h);
    return v;
}

void link_zoom_pan_from_view(ViewState& s, const ImageView& v, float img_w, float img_h, float view_w, float view_h) {
    if (v.fit || !(img_w > 0) || !(img_h > 0) || !std::isfinite(v.zoom)) {
        s.zoom = 0.0f;
        s.pan_x = s.pan_y = 0.0f;
        return;
    }
    const float rel = round_sig(relative_zoom(v, img_w, img_h, view_w, view_h), 4);
    s.zoom = std::clamp(rel, kLinkMinZoom, kLinkMaxZoom);
    s.pan_x = std::clamp(round_step(v.cx / img_w, 1e-4), -kLinkMaxPan, kLinkMaxPan);
    s.pan_y = std::clamp(round_step(v.cy / img_h, 1e-4), -kLinkMaxPan, kLinkMaxPan);
}

bool is_navigation(const ViewState& a, const ViewState& b) {
    return a.data_url != b.data_url || a.local_folder != b.local_folder || a.patient != b.patient ||
           a.lesion != b.lesion || a.mode != b.mode || a.compare_lesion != b.compare_lesion ||
           a.quiz_cases != b.quiz_cases || a.quiz_case != b.quiz_case;
}

void UrlSync::reset(const ViewState& s, uint64_t revision) {
    written_ = s;
    written_link_ = encode_link(s);
    written_revision_ = revision;
    pending_ = false;
}

UrlSync::Update UrlSync::update(const ViewState& now, uint64_t revision, double t) {
    Update u;
    const std::string link = encode_link(now);
    if (link == written_link_) {
        pending_ = false;  // changed and changed back: nothing to write
        written_revision_ = revision;
        return u;
    }
    if (revision != written_revision_) {  // an intent navigated: a history entry
        if (pending_) u.flush = pending_link_;
        u.op = HistoryOp::Push;
        u.link = link;
        written_ = now;
        written_link_ = link;
        written_revision_ = revision;
        pending_ = false;
        return u;
    }
    if (!pending_ || link != pending_link_) {
        pending_ = true;
        pending_link_ = link;
        changed_at_ = t;
        return u;
    }
    if (t - changed_at_ >= debounce_s_) {
        u.op = HistoryOp::Replace;
        u.link = link;
        written_ = now;
        written_link_ = link;
        pending_ = false;
    }
    return u;
}

}  // namespace duck
