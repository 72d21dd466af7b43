"""Spoken cues through the browser's speech synthesis (Web Speech API), no audio files.

:func:`speech_html` returns a tiny HTML/JS snippet for ``st.components.v1.html``. It speaks
through the *top* window when it can (the Streamlit page the user clicked on, so the browser's
user-activation rule for speech is met; component iframes are same-origin) and remembers the
last spoken cue id there, so a re-rendered snippet never repeats a cue.
"""

from __future__ import annotations

import json

from vision.feedback.i18n import speech_lang


def speech_html(text: str, lang: str, uid: str, *, rate: float = 0.95, interrupt: bool = False) -> str:
    """HTML that speaks ``text`` once in ``lang`` ('en'/'de'); ``uid`` identifies the cue
    (e.g. session id and cue number): the same ``uid`` is spoken only once per page.

    ``rate``: speaking rate (1 = normal). ``interrupt``: cancel what is being spoken first
    (for safety alerts).
    """
    payload = json.dumps(
        {"text": text, "lang": speech_lang(lang), "uid": str(uid), "rate": float(rate), "cancel": interrupt}
    )
    # json.dumps leaves "</" as is, which would end the script element early.
    payload = payload.replace("</", "<\\/")
    return (
        '<div id="rw-speech"></div><script>(function(){var p=' + payload + ";var w=window;"
        "try{if(window.parent&&window.parent.speechSynthesis){w=window.parent;}}catch(e){}"
        "if(!w.speechSynthesis){return;}if(w.__rwSpoken===p.uid){return;}w.__rwSpoken=p.uid;"
        "var u=new w.SpeechSynthesisUtterance(p.text);u.lang=p.lang;u.rate=p.rate;"
        "var vs=w.speechSynthesis.getVoices()||[];for(var i=0;i<vs.length;i++){"
        "if(vs[i].lang&&vs[i].lang.slice(0,2)===p.lang.slice(0,2)){u.voice=vs[i];break;}}"
        "if(p.cancel){w.speechSynthesis.cancel();}w.speechSynthesis.speak(u);})();</script>"
    )
