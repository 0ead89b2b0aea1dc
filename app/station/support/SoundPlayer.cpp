#include "support/SoundPlayer.h"

#include <QApplication>
#include <QUrl>

#ifdef PROVSTATION_HAVE_MULTIMEDIA
#include <QSoundEffect>
#endif

namespace prov::gui {

struct SoundPlayer::Effects
{
#ifdef PROVSTATION_HAVE_MULTIMEDIA
    QSoundEffect pass;
    QSoundEffect fail;
    QSoundEffect reject;
    QSoundEffect accept;
#endif
};

SoundPlayer::SoundPlayer(QObject *parent)
    : QObject(parent)
    , m_effects(std::make_unique<Effects>())
{
#ifdef PROVSTATION_HAVE_MULTIMEDIA
    m_effects->pass.setSource(QUrl(QStringLiteral("qrc:/provstation/sounds/pass.wav")));
    m_effects->fail.setSource(QUrl(QStringLiteral("qrc:/provstation/sounds/fail.wav")));
    m_effects->reject.setSource(QUrl(QStringLiteral("qrc:/provstation/sounds/reject.wav")));
    m_effects->accept.setSource(QUrl(QStringLiteral("qrc:/provstation/sounds/accept.wav")));
#endif
}

SoundPlayer::~SoundPlayer() = default;

void SoundPlayer::play(Sound sound)
{
    if (!m_enabled)
        return;
    ++m_played;
    Q_EMIT played(sound);
#ifdef PROVSTATION_HAVE_MULTIMEDIA
    QSoundEffect *effect = nullptr;
    switch (sound) {
    case Sound::Pass:
        effect = &m_effects->pass;
        break;
    case Sound::Fail:
        effect = &m_effects->fail;
        break;
    case Sound::Reject:
        effect = &m_effects->reject;
        break;
    case Sound::Accept:
        effect = &m_effects->accept;
        break;
    }
    if (effect->status() != QSoundEffect::Error) {
        effect->play();
        return;
    }
#endif
    QApplication::beep();
}

} // namespace prov::gui
