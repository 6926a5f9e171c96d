// imgui.vert - the ImGui vertex layout (Position, UV, Color) with its projection,
// shared by ImGui's own draws (imgui.frag) and the viewer's adjusted image
// (image_adjust.frag); the #version line is prepended per target (WebGL2 / desktop GL).
uniform mat4 ProjMtx;
in vec2 Position;
in vec2 UV;
in vec4 Color;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);
}
