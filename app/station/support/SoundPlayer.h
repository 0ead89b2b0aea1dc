#pragma once

#include <QObject>

#include <memory>

namespace prov::gui {

/// Pass, fail, reject and accept (a scan taken) sounds (resources/sounds),
/// switchable off. Uses
/// QSoundEffect when the build has QtMultimedia, else the system beep.
class SoundPlayer : public QObject
{
    Q_OBJECT

public:
    enum class Sound { Pass, Fail, Reject, Accept };
    Q_ENUM(Sound)

    explicit SoundPlayer(QObject *parent = nullptr);
    ~SoundPlayer() override;

    void setEnabled(bool enabled) { m_enabled = enabled; }
    [[nodiscard]] bool isEnabled() const { return m_enabled; }
    void play(Sound sound);
    /// How many sounds were requested while enabled (tests).
    [[nodiscard]] int playedCount() const { return m_played; }

Q_SIGNALS:
    void played(prov::gui::SoundPlayer::Sound sound);

private:
    struct Effects;
    std::unique_ptr<Effects> m_effects;
    bool m_enabled = true;
    int m_played = 0;
};

} // namespace prov::gui
