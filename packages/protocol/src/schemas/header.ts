import Type from "typebox";
import { MSG_TYPES } from "../msgtype.js";

export const MsgTypeSchema = Type.Enum([...MSG_TYPES]);

/** Unknown extra keys are tolerated (neither official client sends any). */
export const HeaderSchema = Type.Object({
  msgid: Type.String(),
  msgtype: MsgTypeSchema,
  reqid: Type.Optional(Type.String()),
  num_buffers: Type.Optional(Type.Integer({ minimum: 0 })),
});
