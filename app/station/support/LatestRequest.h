#pragma once

#include <QtGlobal>

namespace prov::gui {

/// Which of a window's or page's requests is the newest: one that asks again
/// (another station, period or device, or the shift's counts once more)
/// shows only the newest answer, since an older one may arrive after it and
/// would put back what the user just left.
///   const quint64 request = m_latest.begin();
///   ... in the answer: if (!m_latest.isLatest(request)) return;
class LatestRequest
{
public:
    /// A new request: from now on only its answer is the newest.
    [[nodiscard]] quint64 begin() { return ++m_newest; }
    [[nodiscard]] bool isLatest(quint64 request) const { return request == m_newest; }

private:
    quint64 m_newest = 0;
};

} // namespace prov::gui
