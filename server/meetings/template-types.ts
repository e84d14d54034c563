// Shape of an agenda template, shared by the built-in library (code), org templates (HR) and
// personal templates (stored as JSON in agenda_templates.sections).

export interface TemplateItem {
  /** The agenda item as it appears on the meeting: a short talking point. */
  text: string;
  /** A good question or hint shown under the item, to start the conversation. */
  prompt?: string;
}

export interface TemplateSection {
  title: string;
  items: TemplateItem[];
}

export interface BuiltinTemplate {
  /** Stable key, e.g. "first-one-on-one"; never renamed once shipped. */
  key: string;
  name: string;
  /** One or two sentences: when to use it and what it is for. */
  purpose: string;
  sections: TemplateSection[];
}
