#!/usr/bin/env python3
"""Writes ProvStation's sounds (16-bit mono WAV, 22050 Hz) into the folder given.

The WAVs are committed; this script is their source. Short and distinct:
pass = two rising tones, fail = a low double buzz, reject = two quick mid beeps,
accept (a scan taken) = one short high tick.
"""
import math
import struct
import sys
import wave

RATE = 22050


def tone(freq, seconds, volume=0.5, harmonics=(1.0,)):
    n = int(RATE * seconds)
    fade = int(RATE * 0.008)  # no clicks at the edges
    out = []
    for i in range(n):
        t = i / RATE
        v = sum(a * math.sin(2 * math.pi * freq * (k + 1) * t) for k, a in enumerate(harmonics))
        v /= sum(harmonics)
        env = min(1.0, i / fade, (n - 1 - i) / fade)
        out.append(volume * env * v)
    return out


def silence(seconds):
    return [0.0] * int(RATE * seconds)


def write(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    write(f"{out}/pass.wav", tone(880, 0.11) + silence(0.02) + tone(1320, 0.16))
    buzz = (1.0, 0.5, 0.33, 0.25)
    write(f"{out}/fail.wav", tone(220, 0.22, 0.6, buzz) + silence(0.06) + tone(196, 0.32, 0.6, buzz))
    write(f"{out}/accept.wav", tone(1760, 0.04, 0.35))
    write(f"{out}/reject.wav", tone(660, 0.07, 0.5, (1.0, 0.3)) + silence(0.05) + tone(660, 0.07, 0.5, (1.0, 0.3)))


if __name__ == "__main__":
    main()
