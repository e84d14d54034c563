// What Tandem calls a person in a greeting or beside "your 1:1 with …": their given name when
// HR or the import gave one, else their full name. Never a word cut out of the full name: in
// "Martin, Léa", "Dr. Sam Okafor" or "Nguyễn Văn An" no rule finds the right word.

export interface PersonName {
  name: string;
  givenName: string | null;
}

export function callName(person: PersonName): string {
  return person.givenName?.trim() || person.name;
}
