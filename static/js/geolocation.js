// Optional: fills an activity log's location from the browser. The form works without it.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-geolocate]");
  if (!button || !("geolocation" in navigator)) return;
  const form = button.closest("form");
  const status = document.getElementById(button.getAttribute("aria-describedby"));
  button.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(5);
        form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(5);
        status.textContent = button.dataset.done;
      },
      () => { status.textContent = button.dataset.failed; },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
});
