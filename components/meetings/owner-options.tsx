export interface Person {
  id: string;
  name: string;
}

/** The pair's two people as an owner's choices, "(you)" beside the one looking. */
export function OwnerOptions({ people, meId }: { people: Person[]; meId: string }) {
  return people.map((person) => (
    <option key={person.id} value={person.id}>
      {person.id === meId ? `${person.name} (you)` : person.name}
    </option>
  ));
}
