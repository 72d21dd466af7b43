"""Deutsche Texte der Therapieseiten (Anmeldung, Patienten, Übungen, Export)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- Navigation, Fehler ----------------------------------------------------------------
    "clinic.nav.patients": "Patienten",
    "clinic.nav.patient": "Patient/in",
    "clinic.nav.session": "Übung ansehen",
    "clinic.nav.compare": "Übungen vergleichen",
    "clinic.nav.accounts": "Konten der Therapeuten",
    "clinic.review.page_title": "RetroWalk Therapieansicht",
    "clinic.db.cannot_open": "Die Klinikdatenbank kann nicht geöffnet werden.",
    "clinic.db.unusable": "Die Klinikdatenbank ist gerade nicht nutzbar.",
    "clinic.error.page": (
        "Auf dieser Seite ist ein Fehler aufgetreten. Versuchen Sie es erneut; wenn er bleibt, "
        "wenden Sie sich an die Administration (die Einzelheiten stehen im Serverprotokoll)."
    ),
    "clinic.error.not_found": "Nicht gefunden: keine solche Person und keine solche Übung unter Ihren.",
    "clinic.error.your_patients": "Ihre Patienten",
    # --- Anmeldung, Einrichtung, Konten ------------------------------------------------------
    "clinic.login.title": "Anmeldung für Therapeuten",
    "clinic.login.username": "Benutzername",
    "clinic.login.password": "Passwort",
    "clinic.login.submit": "Anmelden",
    "clinic.setup.title": "Ersteinrichtung",
    "clinic.setup.info": (
        "Es gibt noch kein Konto. Legen Sie das erste an; damit können Sie die Konten der "
        "Kolleginnen und Kollegen anlegen. Ein Standardpasswort gibt es nicht."
    ),
    "clinic.setup.display_name": "Ihr Name (erscheint in Berichten)",
    "clinic.setup.password": "Passwort (mindestens 10 Zeichen)",
    "clinic.setup.repeat": "Passwort wiederholen",
    "clinic.setup.submit": "Konto anlegen",
    "clinic.setup.differ": "Die beiden Passwörter stimmen nicht überein.",
    "clinic.account.logged_in": "Angemeldet als {name}",
    "clinic.account.logout": "Abmelden",
    "clinic.accounts.title": "Konten der Therapeuten",
    "clinic.accounts.change_pw": "Mein Passwort ändern",
    "clinic.accounts.current_pw": "Aktuelles Passwort",
    "clinic.accounts.new_pw": "Neues Passwort (mindestens 10 Zeichen)",
    "clinic.accounts.repeat_new": "Neues Passwort wiederholen",
    "clinic.accounts.change_submit": "Passwort ändern",
    "clinic.accounts.new_differ": "Die beiden neuen Passwörter stimmen nicht überein.",
    "clinic.accounts.changed": "Passwort geändert.",
    "clinic.accounts.admin_only": "Nur die Administration kann Konten anlegen oder entsperren.",
    "clinic.accounts.col_username": "Benutzername",
    "clinic.accounts.col_name": "Name",
    "clinic.accounts.col_admin": "Administration",
    "clinic.accounts.col_last_login": "letzte Anmeldung (UTC)",
    "clinic.accounts.never": "nie",
    "clinic.accounts.new_title": "Neues Konto",
    "clinic.accounts.name": "Name",
    "clinic.accounts.initial_pw": "Erstes Passwort (mindestens 10 Zeichen)",
    "clinic.accounts.admin": "Administrationsrechte",
    "clinic.accounts.create": "Konto anlegen",
    "clinic.accounts.created": "Konto angelegt: {name}",
    "clinic.accounts.unlock_title": "Konto entsperren",
    "clinic.accounts.account": "Konto",
    "clinic.accounts.unlock": "Entsperren",
    "clinic.accounts.unlocked": "Entsperrt: {name}",
    # --- Patientenliste ----------------------------------------------------------------------
    "clinic.patients.title": "Patienten",
    "clinic.patients.search": "Suche nach Name oder Kennung",
    "clinic.patients.caption": (
        "Therapietreue: anrechenbare Übungen pro Woche in den letzten 4 vollständigen Wochen, "
        "gemessen am Übungsplan. Klicken Sie auf eine Zeile, um die Person zu öffnen."
    ),
    "clinic.patients.no_match": "Niemand passt zur Suche.",
    "clinic.patients.none": "Noch keine Patienten: legen Sie unten die erste Person an.",
    "clinic.patients.add": "Patient/in hinzufügen",
    "clinic.patients.name": "Name",
    "clinic.patients.ref": "Kennung (optional, z. B. Fallnummer)",
    "clinic.patients.video_consent": "Die Person ist einverstanden, dass das Rohvideo gespeichert wird",
    "clinic.patients.add_submit": "Hinzufügen",
    "clinic.programme.per_week": "Übungen pro Woche",
    "clinic.programme.minutes": "Minuten pro Übung",
    "clinic.col.patient": "Patient/in",
    "clinic.col.reference": "Kennung",
    "clinic.col.sessions": "Übungen",
    "clinic.col.last_session": "letzte Übung (UTC)",
    "clinic.col.sessions_week": "Übungen/Woche",
    "clinic.col.target_week": "Ziel/Woche",
    "clinic.col.adherence": "Therapietreue",
    "clinic.col.this_week": "diese Woche",
    # --- Patientenseite ----------------------------------------------------------------------
    "clinic.patient.all": "Alle Patienten",
    "clinic.patient.reference": "Kennung: {ref}",
    "clinic.patient.m_sessions": "Übungen",
    "clinic.patient.m_adherence": "Therapietreue (4 Wochen)",
    "clinic.patient.m_week": "Diese Woche",
    "clinic.patient.m_last": "Letzte Übung",
    "clinic.patient.tab_trends": "Verlauf",
    "clinic.patient.tab_sessions": "Übungen",
    "clinic.patient.tab_exports": "Berichte & Export",
    "clinic.patient.tab_import": "Importieren",
    "clinic.patient.tab_settings": "Einstellungen",
    "clinic.patient.imported": "Die Übung vom {when} ({length}) wurde importiert.",
    "clinic.patient.open_imported": "Importierte Übung öffnen",
    "clinic.patient.pick_title": "Patient/in",
    "clinic.patient.none": "Noch keine Patienten.",
    "clinic.patient.list": "Patientenliste",
    "clinic.patient.select": "Patient/in wählen",
    "clinic.trends.none": "Noch keine abgeschlossene Übung: der Verlauf erscheint nach der ersten.",
    "clinic.trends.not_measured": "{title}: noch nicht gemessen",
    "clinic.sessions.none": (
        "Noch keine Übungen. Vom Coach aufgezeichnete Übungen erscheinen hier; Sie können auch eine "
        "importieren."
    ),
    "clinic.sessions.caption": "Neueste zuerst. Klicken Sie auf eine Zeile, um die Übung anzusehen.",
    "clinic.sessions.compare": "Zwei Übungen vergleichen",
    "clinic.export.period": "Zeitraum",
    "clinic.export.period_help": (
        "Ganze Tage, UTC. Der Bericht umfasst die in diesem Zeitraum begonnenen Übungen."
    ),
    "clinic.export.single_hint": (
        "Berichte und Tabellen einzelner Übungen finden Sie auf der Seite der Übung."
    ),
    "clinic.settings.name": "Name",
    "clinic.settings.ref": "Kennung",
    "clinic.settings.save": "Speichern",
    "clinic.settings.video": "Rohvideo speichern (Einwilligung der Person)",
    "clinic.settings.no_consent": (
        "Ohne Einwilligung wird kein Video gespeichert; ein Widerruf löscht die gespeicherten Videos."
    ),
    "clinic.settings.delete_title": "Diese Person löschen",
    "clinic.settings.delete_sure": "Die Person mit allen Übungen, Notizen und Videos löschen",
    "clinic.settings.delete": "Löschen",
    "clinic.adherence.target": "{per_week}×/Woche zu je ≥ {minutes} Min.",
    "clinic.adherence.none": "Übungsplan {target}; noch keine vollständige Woche (diese Woche: {now}).",
    "clinic.adherence.line": (
        "Übungsplan {target}; {rate} anrechenbare Übungen/Woche in den letzten {weeks} vollständigen "
        "Wochen = {pct} Therapietreue (diese Woche: {now})."
    ),
    # --- Tabellen einer Übung ----------------------------------------------------------------
    "clinic.col.date": "Datum (UTC)",
    "clinic.col.length": "Dauer",
    "clinic.col.status": "Stand",
    "clinic.col.source": "Quelle",
    "clinic.col.steps": "Schritte",
    "clinic.col.cadence": "Kadenz (Schritte/Min.)",
    "clinic.col.forefoot": "Vorfußaufsatz %",
    "clinic.col.upright": "aufrecht %",
    "clinic.col.glances_min": "Schulterblicke/Min.",
    "clinic.col.over_rotations": "Überdrehungen",
    "clinic.col.step": "Schritt",
    "clinic.col.time_s": "Zeit (s)",
    "clinic.col.foot": "Fuß",
    "clinic.col.strike": "Aufsatz",
    "clinic.col.direction": "Richtung",
    "clinic.col.confidence": "Sicherheit",
    "clinic.col.notes": "Notizen",
    "clinic.col.start_s": "Beginn (s)",
    "clinic.col.end_s": "Ende (s)",
    "clinic.col.length_s": "Dauer (s)",
    "clinic.col.side": "Seite",
    "clinic.col.peak_yaw": "größte Kopfdrehung (°)",
    "clinic.col.metric": "Messgröße",
    "clinic.col.value": "Wert",
    "clinic.col.change": "Änderung (B − A)",
    "clinic.cmp.points": "{n} Pkt.",
    "clinic.status.complete": "abgeschlossen",
    "clinic.status.interrupted": "unterbrochen",
    "clinic.status.recording": "läuft",
    "clinic.source.live": "Live-Coach",
    "clinic.source.upload": "hochgeladenes Video",
    "clinic.source.import": "importierte Analyse",
    "clinic.note.on_session": "Übung",
    "clinic.note.on_step": "Schritt {n}",
    # --- Seite einer Übung -------------------------------------------------------------------
    "clinic.session.title_none": "Übung ansehen",
    "clinic.session.open_hint": "Öffnen Sie eine Übung über die Seite einer Patientin oder eines Patienten.",
    "clinic.session.note_saved": "Notiz gespeichert.",
    "clinic.session.title": "Übung vom {when} UTC",
    "clinic.session.frames_stored": "{n} Bilder gespeichert",
    "clinic.session.model": "Modell {name}",
    "clinic.session.interrupted": (
        "Diese Übung wurde unterbrochen; die Zusammenfassung stammt aus dem, was gespeichert war."
    ),
    "clinic.session.recording": "Diese Übung wird noch aufgezeichnet.",
    "clinic.session.export": "Export",
    "clinic.session.m_steps": "Schritte",
    "clinic.session.m_cadence": "Kadenz",
    "clinic.session.m_forefoot": "Vorfußaufsatz",
    "clinic.session.m_upright": "Aufrechte Haltung",
    "clinic.session.m_glances": "Schulterblicke/Min.",
    "clinic.session.m_glances_n": "Schulterblicke",
    "clinic.session.m_over": "Überdrehungen",
    "clinic.session.per_min": "{n} /Min.",
    "clinic.timeline.title": "Zeitachse",
    "clinic.timeline.caption": (
        "Fußkontakte nach Aufsatzart; Blicke über die Schulter orange hinterlegt; die rote Linie ist "
        "die Wiedergabezeit. Klicken Sie auf einen Schritt (hier oder in der Tabelle), um dorthin zu "
        "springen."
    ),
    "clinic.timeline.tab_steps": "Schritte ({n})",
    "clinic.timeline.tab_glances": "Schulterblicke ({n})",
    "clinic.timeline.tab_signals": "Rumpfneigung und Kopfdrehung",
    "clinic.timeline.tab_summary": "Zusammenfassung",
    "clinic.timeline.no_steps": "Keine Schritte erkannt.",
    "clinic.timeline.no_glances": "Keine Blicke über die Schulter.",
    "clinic.timeline.no_seconds": "Keine sekundenweisen Messwerte gespeichert.",
    "clinic.replay.title": "Wiedergabe",
    "clinic.replay.nothing": "Nichts zum Wiedergeben gespeichert.",
    "clinic.replay.no_frame": "Wiedergabe bei {t} s: kein gespeichertes Bild in der Nähe",
    "clinic.replay.at": "Wiedergabe bei {t} s (Bild {frame})",
    "clinic.replay.nobody": "Wiedergabe bei {t} s (Bild {frame}, niemand erkannt)",
    "clinic.replay.slider": "Wiedergabezeit (s)",
    "clinic.replay.prev_step": "◀ Schritt",
    "clinic.replay.prev_frame": "◀ Bild",
    "clinic.replay.next_frame": "Bild ▶",
    "clinic.replay.next_step": "Schritt ▶",
    "clinic.replay.video": "Video",
    "clinic.replay.delete_video": "Gespeichertes Video löschen",
    "clinic.notes.title": "Notizen",
    "clinic.notes.new": "Neue Notiz",
    "clinic.notes.placeholder": "Was Sie gesehen haben, woran zu arbeiten ist...",
    "clinic.notes.save": "Notiz speichern",
    "clinic.notes.none": "Noch keine Notizen.",
    # --- Diagramme -----------------------------------------------------------------------
    "clinic.chart.time_s": "Zeit (s)",
    "clinic.chart.degrees": "Grad",
    "clinic.chart.trunk_lean": "Rumpfneigung nach vorn",
    "clinic.chart.head_turn": "Kopfdrehung (zu einer Seite)",
    "clinic.chart.session": "Übung",
    "clinic.chart.step": "Schritt",
    "clinic.chart.foot": "Fuß",
    "clinic.chart.strike": "Aufsatz",
    "clinic.unit.count": "Anzahl",
    # --- Vergleich -----------------------------------------------------------------------
    "clinic.compare.title": "Übungen vergleichen",
    "clinic.compare.no_patients": "Noch keine Patienten.",
    "clinic.compare.patient": "Patient/in",
    "clinic.compare.too_few": "Für diese Person gibt es weniger als zwei Übungen.",
    "clinic.compare.a": "Übung A",
    "clinic.compare.b": "Übung B",
    "clinic.compare.same": "Wählen Sie zwei verschiedene Übungen.",
    "clinic.compare.open": "Übung {tag} öffnen",
    "clinic.compare.summary": "Zusammenfassung",
    # --- Import und Export ---------------------------------------------------------------
    "clinic.import.files": (
        "summary.json, steps.csv und frames.csv eines `retrowalk analyze`-Ordners, oder eine ZIP-Datei davon"
    ),
    "clinic.import.submit": "Übung importieren",
    "clinic.import.running": "Wird importiert...",
    "clinic.import.cannot": "Der Ordner kann nicht importiert werden:",
    "clinic.import.p.missing": "{name} fehlt",
    "clinic.import.p.not_csv": "{name} lässt sich nicht als UTF-8-CSV lesen ({error})",
    "clinic.import.p.empty": "{name} ist leer (keine Kopfzeile)",
    "clinic.import.p.fields": "{name} Zeile {line} hat {n} Felder, die Kopfzeile {header}",
    "clinic.import.p.not_number": "{name} Zeile {line}: {column} ist keine Zahl ({cell})",
    "clinic.import.p.not_bool": "{name} Zeile {line}: {column} sollte 1/0 oder true/false sein ({cell})",
    "clinic.import.p.not_json": "summary.json ist kein gültiges JSON ({error})",
    "clinic.import.p.not_object": "summary.json muss ein JSON-Objekt enthalten",
    "clinic.import.p.duration": "summary.json braucht duration_s, eine Zahl von Sekunden >= 0",
    "clinic.import.p.summary_number": "summary.json: {key} sollte eine Zahl sein",
    "clinic.import.p.strike_share": (
        "summary.json: strike_share sollte ein Objekt mit forefoot, flat, heel sein"
    ),
    "clinic.import.p.no_column": "{name} fehlt die Spalte {column}",
    "clinic.import.p.foot": "steps.csv Zeile {line}: foot sollte left oder right sein ({cell})",
    "clinic.import.p.strike": (
        "steps.csv Zeile {line}: strike sollte forefoot, flat, heel oder unknown sein ({cell})"
    ),
    "clinic.import.p.contact_time": "steps.csv Zeile {line}: contact_time_s fehlt",
    "clinic.import.p.too_many_frames": "frames.csv hat mehr als {n} Bilder",
    "clinic.import.p.unusable": "{name} ist unbrauchbar",
    "clinic.import.p.not_folder": "es ist kein Ordner",
    "clinic.import.p.time_missing": "frames.csv: time_s fehlt in manchen Zeilen",
    "clinic.import.p.time_backwards": "frames.csv: time_s läuft rückwärts",
    "clinic.import.too_large": "{name} ist größer als {mb} MiB.",
    "clinic.import.bad_zip": "Die ZIP-Datei ist beschädigt oder keine ZIP-Datei.",
    "clinic.import.two_in_zip": (
        "Die ZIP-Datei enthält mehr als eine {name}: bitte ein Übungsordner pro ZIP-Datei."
    ),
    "clinic.import.unreadable": "{name} in der ZIP-Datei ist nicht lesbar ({error}).",
    "clinic.import.nothing": "Wählen Sie die Dateien eines Übungsordners oder eine ZIP-Datei davon.",
    "clinic.import.zip_and_files": (
        "Laden Sie entweder eine ZIP-Datei oder die Dateien des Ordners hoch, nicht beides."
    ),
    "clinic.import.none_found": (
        "Unter den hochgeladenen Dateien war keine summary.json, steps.csv oder frames.csv."
    ),
    "clinic.export.pdf": "PDF-Bericht",
    "clinic.export.csv": "Tabellen (CSV, ZIP)",
    "clinic.export.json": "Tabellen (JSON)",
    "clinic.export.frames": "Körperpunkte (frames.csv)",
    "clinic.export.patient_pdf": "Bericht der Person (PDF)",
    # --- Klinikseiten: Anmeldung, Zugangscodes, Protokoll, Notizen ----------
    "clinic.login.failed": (
        "Falscher Benutzername oder falsches Passwort. Nach {attempts} Fehlversuchen in Folge wird "
        "ein Konto für {minutes} Minuten gesperrt; eine Administratorin kann es entsperren."
    ),
    "clinic.login.idle": "Sie wurden nach {minutes} Minuten ohne Aktivität abgemeldet.",
    "clinic.login.kept": (
        "Sie bleiben in diesem Browser bis zu {hours} Stunden angemeldet, auch nach dem Neuladen "
        "der Seite. Melden Sie sich an einem gemeinsam genutzten Computer ab."
    ),
    "clinic.nav.audit": "Protokoll",
    "clinic.home.title": "Zugangscode für zu Hause",
    "clinic.home.help": (
        "Die Patientin oder der Patient tippt diesen Code im Coach zu Hause ein oder scannt den "
        "QR-Code. Er wird nur jetzt angezeigt und gilt bis {until} UTC."
    ),
    "clinic.home.copy_help": "Kopieren Sie ihn mit der Schaltfläche rechts neben dem Code.",
    "clinic.home.current": "Der aktuelle Code gilt bis {until} UTC.",
    "clinic.home.none": "Noch kein Zugangscode.",
    "clinic.home.issue": "Neuen Code ausgeben",
    "clinic.home.revoke": "Code widerrufen",
    "clinic.home.hide": "Code ausblenden",
    "clinic.home.qr": "QR-Code des Zugangscodes",
    "clinic.audit.title": "Protokoll",
    "clinic.audit.caption": (
        "Wer hat welche Patientendaten angesehen, exportiert oder geändert, neueste zuerst. "
        "Einträge werden nur hinzugefügt: niemand kann sie ändern oder löschen."
    ),
    "clinic.audit.admin_only": "Nur eine Administratorin oder ein Administrator kann das Protokoll lesen.",
    "clinic.audit.none": "Noch keine Einträge.",
    "clinic.audit.patient": "Patient/in",
    "clinic.audit.all": "Alle Patientinnen und Patienten",
    "clinic.audit.col_when": "wann (UTC)",
    "clinic.audit.col_who": "wer",
    "clinic.audit.col_action": "Aktion",
    "clinic.audit.col_patient": "Patient/in",
    "clinic.audit.col_session": "Übung",
    "clinic.audit.col_detail": "was",
    "clinic.audit.action.view": "angesehen",
    "clinic.audit.action.export": "exportiert",
    "clinic.audit.action.change": "geändert",
    "clinic.audit.deleted": "gelöschte Person #{id}",
    "clinic.note.attach": "Anhängen an",
    "clinic.note.whole": "Die ganze Übung",
    "clinic.note.step": "Schritt {number}, in der Wiedergabe gezeigt ({foot}, {time} s)",
    "clinic.note.before_steps": (
        "Die Wiedergabe steht vor dem ersten Schritt: eine Notiz gilt der ganzen Übung."
    ),
    "clinic.length.s": "{s} s",
    "clinic.length.min_s": "{m} Min. {s} s",
    "clinic.length.min": "{m} Min.",
    "clinic.session.label": "{date}, Dauer {length}",
    # --- Fehler der Datenschicht (ClinicError key=...; str(exc) ist der englische Text) ---
    "clinic.err.username": "Ein Benutzername hat 1 bis 80 Zeichen, ohne Leerzeichen und Steuerzeichen.",
    "clinic.err.password_short": "Ein Passwort braucht mindestens {n} Zeichen.",
    "clinic.err.password_long": "Ein Passwort darf höchstens {n} Zeichen haben.",
    "clinic.err.password_is_name": "Das Passwort darf nicht der Benutzername sein.",
    "clinic.err.setup_done": (
        "Die Einrichtung ist schon erledigt: Es gibt bereits ein Therapeutenkonto. Bitte melden Sie sich an."
    ),
    "clinic.err.username_taken": "Der Benutzername „{name}“ ist schon vergeben.",
    "clinic.err.text_empty": "Das Feld „{what}“ darf nicht leer sein.",
    "clinic.err.text_long": "Das Feld „{what}“ ist zu lang ({n} Zeichen; höchstens {max}).",
    "clinic.err.text_nul": "Das Feld „{what}“ enthält ein NUL-Zeichen.",
    "clinic.what.name": "Name",
    "clinic.what.ref": "Kennung",
    "clinic.what.note": "Notiz",
    "clinic.err.patient_sources": (
        "Eine Patientin oder ein Patient kann nur Live- oder hochgeladene Übungen aufzeichnen."
    ),
    "clinic.err.admin_accounts": (
        "Nur eine Administratorin oder ein Administrator kann Therapeutenkonten verwalten."
    ),
    "clinic.err.admin_audit": "Nur eine Administratorin oder ein Administrator kann das Protokoll lesen.",
    "clinic.err.video_consent": "Diese Person hat nicht zugestimmt, dass Videos aufbewahrt werden.",
    "clinic.err.video_missing": "Die Videodatei {path} gibt es nicht.",
    "clinic.err.video_type": "Videotyp „{suffix}“ wird nicht unterstützt; möglich sind {allowed}.",
    "clinic.err.home_refused": (
        "Dieser Zugangscode funktioniert nicht: Vielleicht ist er vertippt, ersetzt oder abgelaufen, "
        "oder es wurden zu viele falsche Codes versucht. Prüfen Sie ihn, warten Sie {minutes} Minuten "
        "oder bitten Sie Ihre Therapeutin oder Ihren Therapeuten um einen neuen."
    ),
}
