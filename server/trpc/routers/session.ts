import { z } from "zod";
import { endIdentitySessions, identityPeople, switchSessionPerson } from "@/server/auth/sessions";
import { router, sessionProcedure } from "../init";

export const sessionRouter = router({
  /** The organizations this sign-in identity holds a person in, the current one marked: the header's switcher. */
  organizations: sessionProcedure.query(async ({ ctx }) =>
    (await identityPeople(ctx.db, ctx.session)).map((p) => ({
      personId: p.personId,
      orgName: p.orgName,
      name: p.name,
      current: p.personId === ctx.actor.personId,
    })),
  ),
  /** Switches this session to the identity's person in another organization; anyone else's person is not found. */
  switchOrganization: sessionProcedure.input(z.object({ personId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const person = await switchSessionPerson(ctx.db, ctx.session, input.personId);
    return { orgName: person.orgName };
  }),
  /** Ends every session of this identity, on every device and in every organization, this one included. */
  signOutEverywhere: sessionProcedure.mutation(async ({ ctx }) => ({ ended: await endIdentitySessions(ctx.db, ctx.session) })),
});
